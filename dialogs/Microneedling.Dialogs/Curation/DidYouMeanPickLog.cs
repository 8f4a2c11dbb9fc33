using Microneedling.Dialogs.Flows;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Records "did you mean" choices for curators: one <see cref="PickRecord"/> per distinct question
/// (compared normalised) and picked claim, under <c>curation/picks/&lt;hash&gt;</c>, counted. A question
/// people keep resolving to the same claim is a phrasing that claim is missing. No user, conversation
/// or channel id, and no time finer than the day.
/// </summary>
public sealed class DidYouMeanPickLog(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/picks/";

    /// <summary>The key of the record for <paramref name="question"/> resolved to <paramref name="claimId"/>.</summary>
    public static string KeyFor(string question, string claimId) =>
        CurationKeys.For("picks", UserText.Head(UserText.Comparable(question), UnansweredQuestionLog.MaxQuestionLength), claimId);

    /// <summary>Counts one pick; returns the key of its record.</summary>
    public async Task<string> RecordAsync(string question, string claimId, CancellationToken cancellationToken)
    {
        var text = UserText.Head(UserText.Clean(question), UnansweredQuestionLog.MaxQuestionLength);
        var key = KeyFor(question, claimId);
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () => new PickRecord { Question = text, ClaimId = claimId },
            _ => { },
            cancellationToken).ConfigureAwait(false);
        return key;
    }
}
