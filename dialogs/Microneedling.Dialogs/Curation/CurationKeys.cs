using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Keys and writes for curator records. One record per distinct content, under
/// <c>curation/&lt;kind&gt;/&lt;hash&gt;</c> (the hash of the normalised content), counting how often it
/// came in: repeating a question or a vote updates that record instead of adding one, so the
/// records grow with what is different, not with traffic. Times are kept to the UTC day only.
/// </summary>
internal static class CurationKeys
{
    /// <summary>How many times a record update is retried after losing a race with another writer.</summary>
    internal const int MaxWriteAttempts = 8;

    /// <summary>The key of the record for <paramref name="parts"/> (already normalised): 32 hex digits of their SHA-256.</summary>
    public static string For(string kind, params string[] parts)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\u0000', parts));
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16));
        return $"curation/{kind}/{hash}";
    }

    /// <summary>The UTC date of <paramref name="utcNow"/> ("yyyy-MM-dd"): curators need the day, not the moment.</summary>
    public static string Day(DateTimeOffset utcNow) =>
        utcNow.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Counts one more occurrence in the record at <paramref name="key"/>: created by
    /// <paramref name="create"/> (count 1) only if no one created it first (no ETag: create-only),
    /// otherwise updated with the ETag it was read with, so concurrent counts are never lost; a write
    /// that lost a race is read and tried again.
    /// </summary>
    public static async Task CountAsync<T>(IStorage storage, string key, string day, Func<T> create, Action<T> update, CancellationToken cancellationToken)
        where T : CurationRecord
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            var record = items.TryGetValue(key, out var stored) ? StoredJson.As<T>(stored) : null;
            if (record is not null)
            {
                record.Count = Math.Max(1, record.Count) + 1;
                record.LastSeenUtc = day;
                update(record);
            }
            else
            {
                record = create();
                record.Count = 1;
                record.FirstSeenUtc = day;
                record.LastSeenUtc = day;
                record.ETag = null;
            }
            try
            {
                await storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConcurrencyException) when (attempt < MaxWriteAttempts)
            {
                // Another turn counted the same content meanwhile: read its count and add to it.
            }
        }
    }

    /// <summary>
    /// Takes one off a record's count (a vote changed); the record goes when nothing is left. A record
    /// already gone (retention, a curator) is left alone.
    /// </summary>
    public static async Task UncountAsync<T>(IStorage storage, string key, CancellationToken cancellationToken)
        where T : CurationRecord
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            if (!items.TryGetValue(key, out var stored) || StoredJson.As<T>(stored) is not { } record) return;
            try
            {
                if (record.Count <= 1)
                {
                    await storage.DeleteAsync([key], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    record.Count--;
                    await storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            catch (StorageConcurrencyException) when (attempt < MaxWriteAttempts)
            {
                // Another turn counted the same record meanwhile: read its count and take one off that.
            }
        }
    }
}
