using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>MemoryStorage that remembers which keys were written, so tests can read curator records back.</summary>
public sealed class RecordingStorage : IStorage
{
    private readonly MemoryStorage _inner = new();
    private readonly List<string> _written = [];

    public IReadOnlyList<string> WrittenKeys
    {
        get { lock (_written) return _written.ToList(); }
    }

    /// <summary>The stored records whose key starts with <paramref name="prefix"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(string Key, JsonObject Value)>> ReadPrefixAsync(string prefix)
    {
        var keys = WrittenKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        var items = await _inner.ReadAsync(keys);
        return keys.Where(items.ContainsKey).Select(k => (k, items[k].Value)).ToList();
    }

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(keys, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        var result = await _inner.WriteAsync(changes, cancellationToken);
        lock (_written) _written.AddRange(changes.Keys);
        return result;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(keys, cancellationToken);
}
