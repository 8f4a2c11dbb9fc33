using System.Globalization;
using Microneedling.BotFramework.Storage;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// The curator records the bot wrote (<c>curation/unanswered/</c>, <c>curation/picks/</c>,
/// <c>curation/feedback/</c>), read through <see cref="IStorageScan"/> from the store the bot uses
/// (SQLite, Redis or memory), each with its <see cref="CurationItemId">item id</see>.
/// </summary>
public sealed class CuratorRecords
{
    private CuratorRecords(
        IReadOnlyList<KeyValuePair<string, UnansweredRecord>> unanswered,
        IReadOnlyList<KeyValuePair<string, PickRecord>> picks,
        IReadOnlyList<KeyValuePair<string, FeedbackRecord>> feedback)
    {
        Unanswered = unanswered;
        Picks = picks;
        Feedback = feedback;
    }

    /// <summary>Questions without a checked answer, by item id.</summary>
    public IReadOnlyList<KeyValuePair<string, UnansweredRecord>> Unanswered { get; }

    /// <summary>Did-you-mean choices, by item id.</summary>
    public IReadOnlyList<KeyValuePair<string, PickRecord>> Picks { get; }

    /// <summary>Votes on answers, by item id.</summary>
    public IReadOnlyList<KeyValuePair<string, FeedbackRecord>> Feedback { get; }

    /// <summary>Reads every record last seen on or after <paramref name="since"/> (all when null).</summary>
    public static async Task<CuratorRecords> ReadAsync(IStorageScan store, DateOnly? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var from = since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        async Task<IReadOnlyList<KeyValuePair<string, T>>> Kind<T>(string prefix)
            where T : CurationRecord =>
            [.. (await store.ScanAsync(prefix, cancellationToken).ConfigureAwait(false))
                .Select(item => new KeyValuePair<string, T?>(CurationItemId.Of(item.Key), Typed<T>(item.Value)))
                .Where(item => item.Value is not null && (from is null || string.CompareOrdinal(item.Value.LastSeenUtc ?? "", from) >= 0))
                .Select(item => new KeyValuePair<string, T>(item.Key, item.Value!))];
        return new(
            await Kind<UnansweredRecord>(UnansweredQuestionLog.Prefix).ConfigureAwait(false),
            await Kind<PickRecord>(DidYouMeanPickLog.Prefix).ConfigureAwait(false),
            await Kind<FeedbackRecord>(FeedbackStore.Prefix).ConfigureAwait(false));
    }

    // A record another version wrote in a shape this one cannot read is left out, not fatal to the report.
    private static T? Typed<T>(object value)
        where T : class
    {
        try
        {
            return StoredJson.As<T>(value);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
