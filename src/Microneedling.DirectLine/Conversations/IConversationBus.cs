namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// How instances tell each other that a conversation changed, so a stream open on one instance
/// sends what another appended: nothing to tell with one instance (<see cref="LocalConversationBus"/>),
/// Redis pub/sub with several (<see cref="Redis.RedisConversationBus"/>).
/// </summary>
internal interface IConversationBus
{
    /// <summary>Whether other instances share the conversations (then the store re-reads before it trusts its cache).</summary>
    bool SpansInstances { get; }

    /// <summary>Tells the other instances that <paramref name="id"/> now ends at <paramref name="sequence"/> (-1: deleted).</summary>
    Task PublishAsync(string id, long sequence);

    /// <summary>Calls <paramref name="onChange"/> for every change another instance publishes.</summary>
    void Subscribe(Func<string, long, Task> onChange);
}

/// <summary>One instance: every change is made here and wakes its streams directly.</summary>
internal sealed class LocalConversationBus : IConversationBus
{
    public bool SpansInstances => false;

    public Task PublishAsync(string id, long sequence) => Task.CompletedTask;

    public void Subscribe(Func<string, long, Task> onChange)
    {
    }
}
