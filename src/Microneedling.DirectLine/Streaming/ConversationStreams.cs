namespace Microneedling.DirectLine.Streaming;

/// <summary>
/// The open WebSockets of one conversation, oldest first. At most a fixed number stay open: a new one
/// closes the oldest, so a client reconnecting in a loop cannot pile up sockets (each holds a pump).
/// </summary>
internal sealed class ConversationStreams
{
    private readonly List<TaskCompletionSource> _open = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock) return _open.Count;
        }
    }

    private bool _closed;

    /// <summary>
    /// Adds a stream; its pump closes the socket when <paramref name="stop"/> completes. Stops the oldest
    /// beyond <paramref name="max"/>. False when the conversation was unloaded: find it again and retry.
    /// </summary>
    public bool TryAdd(TaskCompletionSource stop, int max)
    {
        List<TaskCompletionSource> evicted;
        lock (_lock)
        {
            if (_closed) return false;
            _open.Add(stop);
            var over = Math.Max(0, _open.Count - max);
            evicted = _open.GetRange(0, over);
            _open.RemoveRange(0, over);
        }
        foreach (var old in evicted) old.TrySetResult();
        return true;
    }

    /// <summary>Refuses further streams if none is open (the conversation is being unloaded from memory).</summary>
    public bool TryClose()
    {
        lock (_lock)
        {
            _closed = _open.Count == 0;
            return _closed;
        }
    }

    public void Remove(TaskCompletionSource stop)
    {
        lock (_lock) _open.Remove(stop);
    }
}
