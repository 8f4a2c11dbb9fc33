using Microneedling.Dialogs.Flows;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Keeps the Helpful / Not helpful votes on answers for curators: one <see cref="FeedbackRecord"/> per
/// distinct claim id, vote and comment (compared normalised) under <c>curation/feedback/&lt;hash&gt;</c>.
/// The same vote again updates its record instead of adding one. Nothing identifies the person or the
/// conversation: no user or conversation id, only the kind of channel, and no time finer than the day.
/// </summary>
public sealed class FeedbackStore(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/feedback/";

    /// <summary>Comments longer than this are cut: feedback is a sentence, not an essay.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>Counts one vote; returns the key of its record.</summary>
    /// <param name="claimId">The claim voted on.</param>
    /// <param name="vote">Helpful or not.</param>
    /// <param name="comment">What was typed with the vote, if anything.</param>
    /// <param name="channelId">The activity's channel id ("msteams", "webchat"...): kept only as a <see cref="ChannelKinds">kind</see>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<string> RecordAsync(string claimId, string vote, string? comment, string? channelId, CancellationToken cancellationToken)
    {
        var text = UserText.Head(UserText.Clean(comment), MaxCommentLength);
        var channel = ChannelKinds.Of(channelId);
        var key = CurationKeys.For("feedback", claimId, vote, UserText.Comparable(text), channel);
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () => new FeedbackRecord { ClaimId = claimId, Vote = vote, Comment = text.Length > 0 ? text : null, Channel = channel },
            _ => { },
            cancellationToken).ConfigureAwait(false);
        return key;
    }
}
