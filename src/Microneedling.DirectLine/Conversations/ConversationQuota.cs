namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// Conversations started per client address within a sliding window (the idle timeout), so one
/// client cannot fill every place under the global cap. In memory: a restart forgets it, which only
/// ever lets a client start more, never fewer.
/// </summary>
internal sealed class ConversationQuota : IConversationQuota
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _started = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<bool> TryTakeAsync(string client, int max, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(TryTake(client, max, window, now));

    /// <summary>Records a start for <paramref name="client"/> unless it already started <paramref name="max"/> within <paramref name="window"/>.</summary>
    public bool TryTake(string client, int max, TimeSpan window, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_started.TryGetValue(client, out var times)) _started[client] = times = new Queue<DateTimeOffset>();
            while (times.Count > 0 && now - times.Peek() >= window) times.Dequeue();
            if (times.Count >= max) return false;
            times.Enqueue(now);
            return true;
        }
    }

    /// <summary>Forgets clients with no start left in the window, so the table stays as small as the active set.</summary>
    public void Prune(TimeSpan window, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var (client, times) in _started.ToList())
            {
                while (times.Count > 0 && now - times.Peek() >= window) times.Dequeue();
                if (times.Count == 0) _started.Remove(client);
            }
        }
    }
}
