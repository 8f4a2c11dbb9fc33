namespace Microneedling.BotFramework.Storage;

/// <summary>
/// The shared store could not be reached in time (Redis down, or a network partition): nothing was
/// written, the caller may retry later. Transports answer 503 instead of running the turn on.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
