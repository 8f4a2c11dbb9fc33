using System.Globalization;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Keeps the Helpful / Not helpful votes on answers for curators: claim id, vote, optional comment
/// and UTC time, under <c>curation/feedback/…</c>. Nothing identifies the person or the
/// conversation: the record carries no user, conversation or channel id.
/// </summary>
public sealed class FeedbackStore(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/feedback/";

    /// <summary>Comments longer than this are cut: feedback is a sentence, not an essay.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>Stores one vote; returns the key it was written under.</summary>
    public async Task<string> RecordAsync(string claimId, string vote, string? comment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new JsonObject
        {
            ["claimId"] = claimId,
            ["vote"] = vote,
            ["timestampUtc"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(comment))
            record["comment"] = comment.Length > MaxCommentLength ? comment[..MaxCommentLength] : comment;
        var key = CurationKeys.New("feedback", now);
        // A fresh key with a null ETag: created, never overwriting another record.
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(record, null) }, cancellationToken).ConfigureAwait(false);
        return key;
    }
}
