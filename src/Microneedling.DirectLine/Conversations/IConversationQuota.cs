namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// Conversations started per client address within a sliding window: in process
/// (<see cref="ConversationQuota"/>) for one instance, in Redis (<see cref="Redis.RedisConversationQuota"/>)
/// so a client cannot start its quota again on every instance.
/// </summary>
internal interface IConversationQuota
{
    /// <summary>Records a start for <paramref name="client"/> unless it already started <paramref name="max"/> within <paramref name="window"/>.</summary>
    Task<bool> TryTakeAsync(string client, int max, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets clients with no start left in the window (Redis does this with TTLs).</summary>
    void Prune(TimeSpan window, DateTimeOffset now);
}
