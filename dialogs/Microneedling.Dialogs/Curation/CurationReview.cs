using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// A curator's "reviewed" mark on a record, kept in the record itself (the same store, the same key):
/// the UTC day and the count it had then (<see cref="CurationRecord.IsReviewed"/>). Written against the
/// ETag it was read with, so a count the bot adds meanwhile is never lost.
/// </summary>
public sealed class CurationReview(IStorage storage, TimeProvider time)
{
    /// <summary>What marking an item did.</summary>
    public enum Outcome
    {
        /// <summary>The record now carries the mark.</summary>
        Marked,

        /// <summary>No record has that id (never written, expired or deleted).</summary>
        NotFound,
    }

    /// <summary>Marks the record at <paramref name="key"/> (see <see cref="CurationItemId.KeyOf"/>) reviewed as of today and its current count.</summary>
    public async Task<Outcome> MarkReviewedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var attempt = 1; ; attempt++)
        {
            var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            if (!items.TryGetValue(key, out var stored) || stored is not JObject record) return Outcome.NotFound;
            record["reviewedUtc"] = CurationKeys.Day(time.GetUtcNow());
            record["reviewedCount"] = Math.Max(1, record["count"]?.Type == JTokenType.Integer ? (long)record["count"]! : 1);
            try
            {
                // The record goes back with the ETag it was read with (in its eTag entry).
                await storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
                return Outcome.Marked;
            }
            catch (StorageConcurrencyException) when (attempt < CurationKeys.MaxWriteAttempts)
            {
                // The bot counted the record meanwhile: read the new count and mark that.
            }
        }
    }
}
