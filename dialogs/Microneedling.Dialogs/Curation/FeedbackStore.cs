using Microneedling.Dialogs.Flows;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Keeps the Helpful / Not helpful votes on answers for curators: one <see cref="FeedbackRecord"/> per
/// distinct claim id, vote and comment (compared normalised) under <c>curation/feedback/&lt;hash&gt;</c>.
/// The same vote again updates its record instead of adding one; a vote a conversation changes is taken
/// off the record it was counted in (<see cref="ReplaceAsync"/>), so a person counts once per answer.
/// Nothing identifies the person or the conversation: no user or conversation id, only the kind of
/// channel, and no time finer than the day.
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
        var key = KeyOf(claimId, vote, comment, channelId);
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () => new FeedbackRecord { ClaimId = claimId, Vote = vote, Comment = text.Length > 0 ? text : null, Channel = channel },
            _ => { },
            cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>
    /// Counts a vote that replaces the one the same conversation gave before (its record's key, or null
    /// for a first vote): the old vote is taken off its record (deleted when it was the only one) and the
    /// new one counted. Pressing the same vote again counts nothing. Returns the key of the vote's record.
    /// </summary>
    public async Task<string> ReplaceAsync(string? previousKey, string claimId, string vote, string? comment, string? channelId, CancellationToken cancellationToken)
    {
        var key = KeyOf(claimId, vote, comment, channelId);
        if (key == previousKey) return key;
        if (previousKey is not null && previousKey.StartsWith(Prefix, StringComparison.Ordinal))
            await CurationKeys.UncountAsync<FeedbackRecord>(storage, previousKey, cancellationToken).ConfigureAwait(false);
        return await RecordAsync(claimId, vote, comment, channelId, cancellationToken).ConfigureAwait(false);
    }

    private static string KeyOf(string claimId, string vote, string? comment, string? channelId) =>
        CurationKeys.For("feedback", claimId, vote, UserText.Comparable(UserText.Head(UserText.Clean(comment), MaxCommentLength)), ChannelKinds.Of(channelId));
}
