using Microneedling.BotFramework.Storage;
using Newtonsoft.Json.Linq;

namespace Microneedling.Cli.Curation;

/// <summary>
/// The curator records the bot wrote (<c>curation/unanswered/</c>, <c>curation/picks/</c>,
/// <c>curation/feedback/</c>), read through <see cref="IStorageScan"/> from the store the bot uses. The
/// records' JSON field names are the contract with the bot (Microneedling.Dialogs.Curation).
/// </summary>
internal sealed class CuratorRecords
{
    private CuratorRecords(IReadOnlyList<JObject> unanswered, IReadOnlyList<JObject> picks, IReadOnlyList<JObject> feedback)
    {
        Unanswered = unanswered;
        Picks = picks;
        Feedback = feedback;
    }

    public IReadOnlyList<JObject> Unanswered { get; }

    public IReadOnlyList<JObject> Picks { get; }

    public IReadOnlyList<JObject> Feedback { get; }

    /// <summary>Reads every record last seen on or after <paramref name="since"/> (all when null).</summary>
    public static async Task<CuratorRecords> ReadAsync(IStorageScan store, DateOnly? since, CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<JObject>> Kind(string prefix) =>
            [.. (await store.ScanAsync(prefix, cancellationToken).ConfigureAwait(false))
                .Select(i => i.Value).OfType<JObject>()
                .Where(r => since is null || string.CompareOrdinal(Text(r, "lastSeenUtc"), since.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) >= 0)];
        return new(await Kind("curation/unanswered/").ConfigureAwait(false), await Kind("curation/picks/").ConfigureAwait(false), await Kind("curation/feedback/").ConfigureAwait(false));
    }

    public static string Text(JObject record, string field) => record[field]?.Value<string>() ?? "";

    public static long Count(JObject record) => Math.Max(1, record["count"]?.Value<long>() ?? 1);

    /// <summary>The nearest claim the engine saw for an unanswered question (its first near-miss), or null.</summary>
    public static string? NearestClaim(JObject record) =>
        record["candidates"] is JArray { Count: > 0 } candidates ? candidates[0].Value<string>() : null;
}
