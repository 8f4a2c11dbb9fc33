using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;

namespace Microneedling.DirectLine.Tests;

/// <summary>In-memory storage whose writes fail on demand, as a full disk or a refused item would.</summary>
public sealed class FlakyStorage : IStorage
{
    private readonly InMemoryStorage _inner = new();

    public bool FailWrites { get; set; }

    public bool FailReads { get; set; }

    public List<string> Deleted { get; } = [];

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        FailReads ? throw new IOException("The test storage refuses reads.") : _inner.ReadAsync(keys, cancellationToken);

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
        FailWrites ? throw new IOException("The test storage refuses writes.") : _inner.WriteAsync(changes, cancellationToken);

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        lock (Deleted) Deleted.AddRange(keys);
        return _inner.DeleteAsync(keys, cancellationToken);
    }
}
