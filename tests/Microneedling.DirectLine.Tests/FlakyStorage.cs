using Microneedling.BotFramework.Storage;

namespace Microneedling.DirectLine.Tests;

/// <summary>In-memory storage whose writes fail on demand, as a full disk or a refused item would.</summary>
public sealed class FlakyStorage : IStorage
{
    private readonly MemoryStorage _inner = new();

    public bool FailWrites { get; set; }

    public bool FailReads { get; set; }

    public List<string> Deleted { get; } = [];

    public Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        FailReads ? throw new IOException("The test storage refuses reads.") : _inner.ReadAsync(keys, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
        FailWrites ? throw new IOException("The test storage refuses writes.") : _inner.WriteAsync(changes, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        lock (Deleted) Deleted.AddRange(keys);
        return _inner.DeleteAsync(keys, cancellationToken);
    }
}
