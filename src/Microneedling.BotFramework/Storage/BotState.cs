using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// Conversation or user state: one JSON object per conversation (or user) in storage, loaded once
/// per turn and written back at the end with the ETag it was read with, so a concurrent turn's
/// write is never silently overwritten.
/// </summary>
public sealed class BotState
{
    private readonly IStorage _storage;
    private readonly Func<Activity, string?> _key;
    private readonly string _turnStateKey;

    private BotState(IStorage storage, string name, Func<Activity, string?> key)
    {
        _storage = storage;
        _key = key;
        _turnStateKey = "state:" + name;
    }

    public static BotState Conversation(IStorage storage) =>
        new(storage, "conversation", a => a.ChannelId is { } c && a.Conversation?.Id is { } id ? $"{c}/conversations/{id}" : null);

    public static BotState User(IStorage storage) =>
        new(storage, "user", a => a.ChannelId is { } c && a.From?.Id is { } id ? $"{c}/users/{id}" : null);

    /// <summary>The state object for this turn (empty when new); changes are saved by <see cref="SaveChangesAsync"/>.</summary>
    public async Task<JsonObject> GetAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.TryGetValue(_turnStateKey, out var cached)) return ((Loaded)cached).Value;
        var key = _key(turnContext.Activity);
        Loaded loaded;
        if (key is null)
        {
            loaded = new Loaded(null, [], null, "{}");
        }
        else
        {
            var items = await _storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
            loaded = items.TryGetValue(key, out var item)
                ? new Loaded(key, item.Value, item.ETag, item.Value.ToJsonString())
                : new Loaded(key, [], null, "{}");
        }
        turnContext.TurnState[_turnStateKey] = loaded;
        return loaded.Value;
    }

    /// <summary>
    /// Writes the state back if it changed. Throws <see cref="StorageConcurrencyException"/> when
    /// another turn wrote it since it was read.
    /// </summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!turnContext.TurnState.TryGetValue(_turnStateKey, out var cached)) return;
        var loaded = (Loaded)cached;
        if (loaded.Key is null || loaded.Value.ToJsonString() == loaded.Original) return;
        // A new item is created only if nobody else created it meanwhile.
        var etag = loaded.ETag ?? StoreItem.NewItemETag;
        var written = await _storage.WriteAsync(new Dictionary<string, StoreItem> { [loaded.Key] = new(loaded.Value, etag) }, cancellationToken).ConfigureAwait(false);
        turnContext.TurnState[_turnStateKey] = loaded with { ETag = written[loaded.Key], Original = loaded.Value.ToJsonString() };
    }

    private sealed record Loaded(string? Key, JsonObject Value, string? ETag, string Original);
}
