namespace Microneedling.BotFramework.Storage;

/// <summary>A write lost a race: the item changed (or was created) since it was read.</summary>
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

    /// <summary>The exception for <paramref name="key"/>; only a short head of the key is quoted (keys hold conversation ids).</summary>
    public static StorageConcurrencyException For(string key) =>
        new($"The item '{(key.Length <= 24 ? key : key[..24] + "...")}' was changed by another writer (ETag mismatch).");
}
