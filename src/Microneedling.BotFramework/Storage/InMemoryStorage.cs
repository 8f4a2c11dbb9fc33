using System.Globalization;
using Microsoft.Bot.Builder;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// In-process <see cref="IStorage"/> for tests and throwaway runs, with the same ETag rules as
/// <see cref="SqliteStorage"/> (<see cref="StoredJson"/>). Values are kept as JSON text, so what is
/// read back is a copy, never the writer's object.
/// </summary>
public sealed class InMemoryStorage : IStorage, IStorageScan
{
    private readonly Dictionary<string, (string Json, string ETag)> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _version;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(StoredJson.StoredKey(key), out var item))
                    result[key] = StoredJson.FromStored(item.Json, item.ETag);
            }
        }
        return Task.FromResult<IDictionary<string, object>>(result);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var rows = changes.Select(c => (c.Key, Stored: StoredJson.StoredKey(c.Key), Value: c.Value, Parts: StoredJson.ToStored(c.Value))).ToList();
        lock (_gate)
        {
            // All or nothing: every ETag is checked before anything is written.
            foreach (var row in rows)
            {
                var current = _items.TryGetValue(row.Stored, out var stored) ? stored.ETag : null;
                if (!StoredJson.Permits(row.Parts.ExpectedETag, current)) throw StorageConcurrencyException.For(row.Key);
            }
            foreach (var row in rows)
            {
                var etag = (++_version).ToString(CultureInfo.InvariantCulture);
                _items[row.Stored] = (row.Parts.Json.ToString(Newtonsoft.Json.Formatting.None), etag);
                StoredJson.SetETag(row.Value, etag);
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys) _items.Remove(StoredJson.StoredKey(key));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<KeyValuePair<string, object>>> ScanAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            IReadOnlyList<KeyValuePair<string, object>> items = [.. _items
                .Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(i => i.Key, StringComparer.Ordinal)
                .Select(i => new KeyValuePair<string, object>(i.Key, StoredJson.FromStored(i.Value.Json, i.Value.ETag)))];
            return Task.FromResult(items);
        }
    }
}
