using System.Globalization;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Deletes curator records not seen for longer than the retention period: questions are health data,
/// kept only as long as curators need them (<see cref="CurationOptions.RetentionDays"/>). A record asked
/// again is kept, since its last-seen day moves.
/// </summary>
public sealed class CurationRetention(IStorage storage, TimeProvider time)
{
    /// <summary>Every curator record lives under this prefix.</summary>
    public const string Prefix = "curation/";

    /// <summary>Deletes the records last seen before today minus <paramref name="retentionDays"/>; returns how many went.</summary>
    public async Task<int> PurgeAsync(int retentionDays, CancellationToken cancellationToken)
    {
        if (storage is not IStorageScan scan)
            throw new InvalidOperationException($"The store ({storage.GetType().Name}) cannot list keys, so curator records cannot be expired.");
        var oldest = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-retentionDays);
        var expired = (await scan.ScanAsync(Prefix, cancellationToken).ConfigureAwait(false))
            .Where(item => LastSeen(item.Value) is not { } day || day < oldest)
            .Select(item => item.Key)
            .ToArray();
        if (expired.Length > 0) await storage.DeleteAsync(expired, cancellationToken).ConfigureAwait(false);
        return expired.Length;
    }

    // A record without a readable day cannot be shown to be recent: it goes (nothing may be kept forever by accident).
    private static DateOnly? LastSeen(object value) =>
        (value as JObject)?["lastSeenUtc"]?.Value<string>() is { } text
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
}
