using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>The in-memory store that remembers which keys were written, so tests can read curator records back.</summary>
public sealed class RecordingStorage : IStorage
{
    private readonly InMemoryStorage _inner = new();
    private readonly List<string> _written = [];

    public IReadOnlyList<string> WrittenKeys
    {
        get { lock (_written) return _written.ToList(); }
    }

    /// <summary>The stored records whose key starts with <paramref name="prefix"/>, in key order.</summary>
    public async Task<IReadOnlyList<(string Key, JsonObject Value)>> ReadPrefixAsync(string prefix)
    {
        var keys = WrittenKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        var found = new List<(string, JsonObject)>();
        foreach (var key in keys)
        {
            if (await this.ReadJsonAsync(key) is { } value) found.Add((key, value));
        }
        return found;
    }

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(keys, cancellationToken);

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(changes, cancellationToken);
        lock (_written) _written.AddRange(changes.Keys);
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(keys, cancellationToken);
}
