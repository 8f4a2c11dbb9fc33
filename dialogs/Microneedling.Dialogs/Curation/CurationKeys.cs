using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Flows;

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
    /// <paramref name="text"/> as compared for "the same content": cleaned (no control or invisible
    /// characters), compatibility-normalised, lower-cased, whitespace runs as one space, trailing
    /// punctuation dropped.
    /// </summary>
    public static string Normalize(string? text)
    {
        var cleaned = TurnInputReader.Clean(text).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var result = new StringBuilder(cleaned.Length);
        var space = false;
        foreach (var ch in cleaned)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = result.Length > 0;
                continue;
            }
            if (space) result.Append(' ');
            space = false;
            result.Append(ch);
        }
        return result.ToString().TrimEnd('?', '!', '.', ' ');
    }

    /// <summary>At most <paramref name="length"/> characters of <paramref name="text"/>, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int length)
    {
        if (text.Length <= length) return text;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length];
    }

    /// <summary>
    /// Counts one more occurrence in the record at <paramref name="key"/>: created by
    /// <paramref name="create"/> (count 1) only if no one created it first (<see cref="StoreItem.NewItemETag"/>),
    /// otherwise updated with the ETag it was read with, so concurrent counts are never lost; a write
    /// that lost a race is read and tried again.
    /// </summary>
    public static async Task CountAsync(IStorage storage, string key, string day, Func<JsonObject> create, Action<JsonObject> update, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            StoreItem change;
            if (items.TryGetValue(key, out var stored))
            {
                var record = stored.Value;
                record["count"] = CountOf(record) + 1;
                record["lastSeenUtc"] = day;
                update(record);
                change = new StoreItem(record, stored.ETag ?? "*");
            }
            else
            {
                var record = create();
                record["count"] = 1;
                record["firstSeenUtc"] = day;
                record["lastSeenUtc"] = day;
                change = new StoreItem(record, StoreItem.NewItemETag);
            }
            try
            {
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = change }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConcurrencyException) when (attempt < MaxWriteAttempts)
            {
                // Another turn counted the same content meanwhile: read its count and add to it.
            }
        }
    }

    private static long CountOf(JsonObject record) =>
        record["count"] is JsonValue value && value.TryGetValue<long>(out var count) && count > 0 ? count : 1;
}
