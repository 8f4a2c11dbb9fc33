using Microneedling.Dialogs.Flows;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Keeps the Helpful / Not helpful votes on answers for curators: one <see cref="FeedbackRecord"/> per
/// distinct claim id, vote and comment (compared normalised) under <c>curation/feedback/&lt;hash&gt;</c>.
/// The same vote again updates its record instead of adding one. Nothing identifies the person or the
/// conversation: no user, conversation or channel id, and no time finer than the day.
/// </summary>
public sealed class FeedbackStore(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/feedback/";

    /// <summary>Comments longer than this are cut: feedback is a sentence, not an essay.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>Counts one vote; returns the key of its record.</summary>
    public async Task<string> RecordAsync(string claimId, string vote, string? comment, CancellationToken cancellationToken)
    {
        var text = UserText.Head(UserText.Clean(comment), MaxCommentLength);
        var key = CurationKeys.For("feedback", claimId, vote, UserText.Comparable(text));
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () => new FeedbackRecord { ClaimId = claimId, Vote = vote, Comment = text.Length > 0 ? text : null },
            _ => { },
            cancellationToken).ConfigureAwait(false);
        return key;
    }
}
