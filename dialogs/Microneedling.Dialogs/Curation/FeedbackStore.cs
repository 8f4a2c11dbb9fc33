using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Flows;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Keeps the Helpful / Not helpful votes on answers for curators: one record per distinct claim id,
/// vote and comment (compared normalised) under <c>curation/feedback/&lt;hash&gt;</c>, with how many
/// times it was given and the UTC days it was first and last given. The same vote again updates its
/// record instead of adding one. Nothing identifies the person or the conversation: the record
/// carries no user, conversation or channel id, and no time finer than the day.
/// </summary>
public sealed class FeedbackStore(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/feedback/";

    /// <summary>Comments longer than this are cut: feedback is a sentence, not an essay.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>Counts one vote; returns the key of its record.</summary>
    public async Task<string> RecordAsync(string claimId, string vote, string? comment, CancellationToken cancellationToken)
    {
        var text = CurationKeys.Truncate(TurnInputReader.Clean(comment), MaxCommentLength);
        var key = CurationKeys.For("feedback", claimId, vote, CurationKeys.Normalize(text));
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () =>
            {
                var record = new JsonObject { ["claimId"] = claimId, ["vote"] = vote };
                if (text.Length > 0) record["comment"] = text;
                return record;
            },
            _ => { },
            cancellationToken).ConfigureAwait(false);
        return key;
    }
}
