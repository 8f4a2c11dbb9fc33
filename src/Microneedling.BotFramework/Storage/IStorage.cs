using System.Text.Json.Nodes;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// Key/value state storage with optimistic concurrency, as Bot Builder's IStorage: every item carries
/// an ETag; a write whose ETag no longer matches the stored one fails with
/// <see cref="StorageConcurrencyException"/> instead of overwriting someone else's change.
/// </summary>
public interface IStorage
{
    /// <summary>The items that exist among <paramref name="keys"/> (missing keys are simply absent).</summary>
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes all changes or none. An item's ETag must equal the stored ETag; null or "*" writes
    /// unconditionally; <see cref="StoreItem.NewItemETag"/> creates the item only if the key does not
    /// exist yet. Otherwise the whole write fails with <see cref="StorageConcurrencyException"/>.
    /// Returns the new ETags.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>A stored JSON object and the ETag it was read with (or is written against).</summary>
public sealed record StoreItem(JsonObject Value, string? ETag)
{
    /// <summary>
    /// The ETag of a write that must create the item: it fails if someone else created the key
    /// first. Stores never hand out this value as a real ETag.
    /// </summary>
    public const string NewItemETag = "new";

    /// <summary>Whether a write with <paramref name="expected"/> may go ahead when the stored ETag is <paramref name="current"/> (null: no item).</summary>
    public static bool Permits(string? expected, string? current) => expected switch
    {
        null or "*" => true,
        NewItemETag => current is null,
        _ => string.Equals(current, expected, StringComparison.Ordinal),
    };
}

/// <summary>A write lost a race: the item changed since it was read.</summary>
public sealed class StorageConcurrencyException : Exception
{
    public StorageConcurrencyException()
    {
    }

    public StorageConcurrencyException(string message) : base(message)
    {
    }

    public StorageConcurrencyException(string message, Exception inner) : base(message, inner)
    {
    }

    public static StorageConcurrencyException For(string key) => new($"The item '{key}' was changed by another writer (ETag mismatch).");
}
