namespace Microneedling.BotFramework.Turns;

/// <summary>
/// The one per-conversation turn lock of the process, owned by <see cref="MicroneedlingAdapter"/>:
/// every transport's turns of one conversation (<c>/api/messages</c>, the built-in Direct Line) run one
/// at a time, so two messages sent at once read and write the conversation state in turn instead of
/// racing (the stores' ETags catch other processes). An entry lives only while a turn holds or waits
/// for it, so ids chosen by a client cannot grow the table without bound.
/// </summary>
public sealed class ConversationTurnLock : IConversationTurnLock
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly Lock _guard = new();

    /// <summary>How many conversations have a turn running or waiting (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_guard) return _gates.Count;
        }
    }

    /// <summary>
    /// Waits at most <paramref name="timeout"/> for the conversation's turn; null when it stayed
    /// taken (a turn stuck or a queue too long). Dispose the lease to let the next turn in.
    /// </summary>
    public async Task<IDisposable?> TryEnterAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = Join(key);
        try
        {
            if (await gate.Turn.WaitAsync(timeout, cancellationToken).ConfigureAwait(false)) return new Lease(this, key, gate);
        }
        catch (OperationCanceledException)
        {
            Leave(key, gate);
            throw;
        }
        Leave(key, gate);
        return null;
    }

    private Gate Join(string key)
    {
        lock (_guard)
        {
            if (!_gates.TryGetValue(key, out var gate)) _gates.Add(key, gate = new Gate());
            gate.Users++;
            return gate;
        }
    }

    private void Leave(string key, Gate gate)
    {
        lock (_guard)
        {
            if (--gate.Users > 0) return;
            _gates.Remove(key);
        }
        gate.Turn.Dispose();
    }

    /// <summary>A conversation's semaphore and how many turns hold or wait for it (guarded by the table's lock).</summary>
    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Lease(ConversationTurnLock owner, string key, Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            gate.Turn.Release();
            owner.Leave(key, gate);
        }
    }
}
