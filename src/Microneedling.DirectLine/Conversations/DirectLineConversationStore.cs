using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// The Direct Line conversations: kept in the bot's <see cref="IStorage"/> (one item per transcript
/// plus an index of ids, so limits hold across restarts) and cached in memory while in use. Enforces
/// the conversation cap and idle expiry, and gives every appended activity its id, watermark and time.
/// </summary>
internal sealed partial class DirectLineConversationStore(
    IStorage storage,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    ILogger<DirectLineConversationStore> logger) : IDisposable
{
    internal const string TranscriptKeyPrefix = "directline:transcript/";
    internal const string IndexKey = "directline:index";

    private readonly ConcurrentDictionary<string, DirectLineConversation> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexGate = new(1, 1);

    private DirectLineOptions Options => options.Value;

    /// <summary>Starts the conversation, or finds it when already started; <see cref="StartOutcome.Full"/> at the cap.</summary>
    public async Task<(DirectLineConversation? Conversation, StartOutcome Outcome)> StartAsync(string id, string userId, CancellationToken cancellationToken)
    {
        await _indexGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } existing) return (existing, StartOutcome.Existing);
            var (index, etag) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            if (index.Count >= Options.MaxConversations)
            {
                await SweepLockedAsync(cancellationToken).ConfigureAwait(false);
                (index, etag) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
                if (index.Count >= Options.MaxConversations) return (null, StartOutcome.Full);
            }

            var conversation = new DirectLineConversation(id, userId, clock.GetUtcNow());
            await PersistAsync(conversation, cancellationToken).ConfigureAwait(false);
            index[id] = conversation.CreatedAt.ToUnixTimeSeconds();
            await WriteIndexAsync(index, etag, cancellationToken).ConfigureAwait(false);
            _loaded[id] = conversation;
            LogStarted(logger, index.Count);
            return (conversation, StartOutcome.Created);
        }
        finally
        {
            _indexGate.Release();
        }
    }

    /// <summary>The conversation if it exists and has not been idle too long (an idle one is deleted now).</summary>
    public async Task<DirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!_loaded.TryGetValue(id, out var conversation))
        {
            var items = await storage.ReadAsync([TranscriptKeyPrefix + id], cancellationToken).ConfigureAwait(false);
            if (!items.TryGetValue(TranscriptKeyPrefix + id, out var item)) return null;
            conversation = _loaded.GetOrAdd(id, DirectLineConversation.FromJson(item.Value, item.ETag));
        }
        if (!conversation.IsIdle(clock.GetUtcNow(), Options.ConversationIdleTimeout)) return conversation;
        await DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Appends an activity: gives it the next sequence number (its watermark), the id
    /// <c>{conversationId}|{seq}</c> the service uses (§4.3) and a server UTC timestamp (§4.6),
    /// wakes the streams and persists the transcript. Returns the id.
    /// </summary>
    public async Task<string> AppendAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        await conversation.AppendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sequence = conversation.LastSequence + 1;
            activity.Id = conversation.Id + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);
            activity.Timestamp = clock.GetUtcNow();
            conversation.Append(sequence, activity, Options.MaxActivitiesPerConversation, activity.Timestamp.Value);
            await PersistAsync(conversation, cancellationToken).ConfigureAwait(false);
            return activity.Id;
        }
        finally
        {
            conversation.AppendGate.Release();
        }
    }

    /// <summary>Deletes every conversation idle for longer than the timeout; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await _indexGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SweepLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _indexGate.Release();
        }
    }

    public void Dispose() => _indexGate.Dispose();

    private async Task<int> SweepLockedAsync(CancellationToken cancellationToken)
    {
        var (index, _) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var id in index.Keys.ToList())
        {
            if (await IsGoneAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await RemoveFromIndexAsync(id, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }
        if (removed > 0) LogSwept(logger, removed);
        return removed;
    }

    /// <summary>
    /// True when the conversation no longer exists or was idle too long (then it is deleted now).
    /// Reads only what it needs: a sweep must not pull every stored transcript into memory.
    /// </summary>
    private async Task<bool> IsGoneAsync(string id, CancellationToken cancellationToken)
    {
        if (_loaded.ContainsKey(id)) return await FindAsync(id, cancellationToken).ConfigureAwait(false) is null;
        var items = await storage.ReadAsync([TranscriptKeyPrefix + id], cancellationToken).ConfigureAwait(false);
        if (!items.TryGetValue(TranscriptKeyPrefix + id, out var item)) return true;
        var lastActive = item.Value["lastActiveAt"]?.GetValue<DateTimeOffset>() ?? DateTimeOffset.MinValue;
        if (clock.GetUtcNow() - lastActive < Options.ConversationIdleTimeout) return false;
        await DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (_loaded.TryRemove(id, out var conversation)) conversation.End();
        await storage.DeleteAsync([TranscriptKeyPrefix + id], cancellationToken).ConfigureAwait(false);
        // The index entry goes at the next sweep (which holds the index gate): a find may run inside it.
    }

    private async Task PersistAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        var key = TranscriptKeyPrefix + conversation.Id;
        IReadOnlyDictionary<string, string> etags;
        try
        {
            etags = await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(conversation.ToJson(), conversation.ETag) }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConcurrencyException)
        {
            // Only this process writes a transcript, and only under its append gate; a mismatch means
            // the copy was deleted or replaced behind our back. Memory is the truth: write it back.
            LogOverwrite(logger);
            etags = await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(conversation.ToJson(), "*") }, cancellationToken).ConfigureAwait(false);
        }
        conversation.ETag = etags[key];
    }

    private async Task RemoveFromIndexAsync(string id, CancellationToken cancellationToken)
    {
        var (index, etag) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index.Remove(id)) await WriteIndexAsync(index, etag, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(Dictionary<string, long> Index, string? ETag)> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([IndexKey], cancellationToken).ConfigureAwait(false);
        var index = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!items.TryGetValue(IndexKey, out var item)) return (index, null);
        foreach (var (id, created) in item.Value["conversations"]?.AsObject() ?? [])
            index[id] = created?.GetValue<long>() ?? 0;
        return (index, item.ETag);
    }

    private async Task WriteIndexAsync(Dictionary<string, long> index, string? etag, CancellationToken cancellationToken)
    {
        var conversations = new JsonObject();
        foreach (var (id, created) in index) conversations[id] = created;
        // Written against the ETag it was read with: a second process sharing the store makes this throw
        // rather than silently drop the other's conversations (the caller's request then fails with 500).
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [IndexKey] = new(new JsonObject { ["conversations"] = conversations }, etag) }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation started ({Count} kept)")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} idle Direct Line conversations")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Direct Line transcript changed in storage behind this process; rewriting it from memory")]
    private static partial void LogOverwrite(ILogger logger);
}
