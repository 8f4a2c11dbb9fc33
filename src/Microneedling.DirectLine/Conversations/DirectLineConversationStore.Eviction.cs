namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// Making room: which conversation a new one may replace at the cap, and which leave the in-memory
/// cache (they stay in storage) when quiet or over the byte budget.
/// </summary>
internal sealed partial class DirectLineConversationStore
{
    // How long a conversation must be quiet before a new one may take its place at the cap.
    private static readonly TimeSpan EvictionQuiet = TimeSpan.FromMinutes(1);

    // Stored-only conversations read when looking for one to evict: bounded, unlike a sweep.
    private const int UnloadedEvictionCandidates = 8;

    /// <summary>
    /// The least recently used conversation that may make room: an expired one, or one quiet for
    /// <see cref="EvictionQuiet"/> with no stream or turn. Loaded ones are judged in memory; of the
    /// others (not used since this process started) only the few oldest are read, never all.
    /// </summary>
    private async Task<string?> FindEvictableAsync(Dictionary<string, long> index, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string? best = null;
        var bestActive = DateTimeOffset.MaxValue;
        foreach (var (id, conversation) in _loaded)
        {
            if ((IsExpired(conversation, now) || conversation.IsEvictable(now, EvictionQuiet)) && conversation.LastActiveAt < bestActive)
                (best, bestActive) = (id, conversation.LastActiveAt);
        }
        foreach (var (id, _) in index.Where(e => !_loaded.ContainsKey(e.Key)).OrderBy(e => e.Value).Take(UnloadedEvictionCandidates))
        {
            var lastActive = (await ReadRecordAsync(id, cancellationToken).ConfigureAwait(false))?.LastActiveAt ?? DateTimeOffset.MinValue;
            if (now - lastActive >= EvictionQuiet && lastActive < bestActive) (best, bestActive) = (id, lastActive);
        }
        return best;
    }

    /// <summary>Unloads the least recently used conversations not in use until the loaded transcripts fit the budget.</summary>
    private void UnloadOverBudget(string? keep)
    {
        var loaded = _loaded.ToArray();
        var total = loaded.Sum(e => e.Value.TranscriptBytes);
        if (total <= Options.MaxLoadedTranscriptBytes) return;
        foreach (var (id, conversation) in loaded.OrderBy(e => e.Value.LastActiveAt))
        {
            if (total <= Options.MaxLoadedTranscriptBytes) return;
            if (id != keep && Unload(id, conversation)) total -= conversation.TranscriptBytes;
        }
    }

    /// <summary>Drops a conversation nobody is using from the cache; it stays in storage.</summary>
    private bool Unload(string id, DirectLineConversation conversation)
    {
        if (!conversation.TryUnload()) return false;
        _loaded.TryRemove(new KeyValuePair<string, DirectLineConversation>(id, conversation));
        return true;
    }
}
