using System.Collections.Concurrent;
using System.Globalization;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// The Direct Line conversations: kept in the bot's <see cref="IStorage"/> (one item per transcript
/// plus an index of ids, so limits hold across restarts) and cached in memory while in use. Enforces
/// the conversation cap and idle expiry, and gives every appended activity its id, watermark and time.
/// </summary>
/// <remarks>
/// When other instances share the store (<see cref="IConversationBus.SpansInstances"/>, Redis) the
/// cache is a copy, not the truth: a conversation is re-read before each use, an append that lost
/// the ETag race re-reads and takes the next sequence number, and every change is published so the
/// other instances' streams wake.
/// </remarks>
internal sealed partial class DirectLineConversationStore : IDisposable
{
    internal const string TranscriptKeyPrefix = "directline:transcript/";
    internal const string IndexKey = "directline:index";

    // Writers racing on one transcript or the index (other instances) each win within a few rounds.
    private const int MaxSharedAttempts = 50;

    private readonly IStorage storage;
    private readonly IOptions<DirectLineOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<DirectLineConversationStore> logger;
    private readonly IConversationQuota _quota;
    private readonly IConversationBus _bus;
    private readonly ConcurrentDictionary<string, DirectLineConversation> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _indexGate = new(1, 1);

    public DirectLineConversationStore(
        IStorage storage,
        IOptions<DirectLineOptions> options,
        TimeProvider clock,
        ILogger<DirectLineConversationStore> logger,
        IConversationQuota quota,
        IConversationBus bus)
    {
        this.storage = storage;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        _quota = quota;
        _bus = bus;
        _bus.Subscribe(OnChangedElsewhereAsync);
    }

    /// <summary>One instance, in-process quota (as the tests build it).</summary>
    internal DirectLineConversationStore(IStorage storage, IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineConversationStore> logger)
        : this(storage, options, clock, logger, new ConversationQuota(), new LocalConversationBus())
    {
    }

    private bool Shared => _bus.SpansInstances;

    // Deleted conversation ids (unix seconds of the deletion), kept in the index for a token lifetime:
    // refresh refuses a deleted conversation, so no token for one outlives that.
    private readonly ConcurrentDictionary<string, long> _deleted = new(StringComparer.Ordinal);
    private volatile bool _deletedLoaded;

    private DirectLineOptions Options => options.Value;

    /// <summary>
    /// Starts the conversation, or finds it when already started. <paramref name="client"/> (null for
    /// the local secret) is held to its quota. At the cap the least recently used idle conversation
    /// makes room; <see cref="StartOutcome.Full"/> when none can.
    /// </summary>
    public async Task<(DirectLineConversation? Conversation, StartOutcome Outcome)> StartAsync(string id, string userId, string? client, CancellationToken cancellationToken)
    {
        await _indexGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } existing) return (existing, StartOutcome.Existing);
            var (index, etag) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            // An old token of a deleted conversation must not start it again with its sequence restarted.
            if (_deleted.ContainsKey(id)) return (null, StartOutcome.Gone);
            var now = clock.GetUtcNow();
            if (client is not null && !await _quota.TryTakeAsync(client, Options.MaxConversationsPerClient, Options.ConversationIdleTimeout, now, cancellationToken).ConfigureAwait(false))
                return (null, StartOutcome.ClientQuota);
            if (index.Count >= Options.MaxConversations)
            {
                // One bounded eviction rather than a sweep of every transcript on each refused start.
                if (await FindEvictableAsync(index, cancellationToken).ConfigureAwait(false) is not { } victim) return (null, StartOutcome.Full);
                await DeleteAsync(victim, cancellationToken).ConfigureAwait(false);
                index.Remove(victim);
                LogEvicted(logger);
            }

            var conversation = new DirectLineConversation(id, userId, now);
            try
            {
                await PersistAsync(conversation, conversation.ToRecord(), cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConcurrencyException) when (Shared)
            {
                // Another instance started the same conversation (one token, two requests) first.
                return await FindAsync(id, cancellationToken).ConfigureAwait(false) is { } started
                    ? (started, StartOutcome.Existing)
                    : (null, StartOutcome.Gone);
            }
            index[id] = conversation.CreatedAt.ToUnixTimeSeconds();
            await AddToIndexAsync(index, etag, id, index[id], cancellationToken).ConfigureAwait(false);
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
            if (await ReadRecordAsync(id, cancellationToken).ConfigureAwait(false) is not { } record) return null;
            conversation = _loaded.GetOrAdd(id, DirectLineConversation.FromRecord(record));
            // Not the one just loaded: its caller is about to use it.
            UnloadOverBudget(keep: id);
        }
        else if (Shared && !await CatchUpAsync(conversation, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        if (!IsExpired(conversation, clock.GetUtcNow())) return conversation;
        await DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Appends an activity: gives it the next sequence number (its watermark), the id
    /// <c>{conversationId}|{seq}</c> the service uses (§4.3) and a server UTC timestamp (§4.6),
    /// persists the transcript and only then adds it in memory and wakes the streams, so a failed
    /// write leaves nothing behind. Returns the id (null: the conversation is gone).
    /// </summary>
    public async Task<string?> AppendAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken) =>
        (await AppendAsync(conversation, activity, once: false, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>
    /// As <see cref="AppendAsync(DirectLineConversation, Activity, CancellationToken)"/> for a user's post,
    /// unless the transcript already holds that user's post with the same <c>channelData.clientActivityID</c>
    /// (a client's retry): then nothing is appended and the kept post's id comes back, with
    /// <c>Repeated</c>. Checked again after every catch-up with another instance's appends, so a retry
    /// landing on another instance is recognised too.
    /// </summary>
    public Task<(string? Id, bool Repeated)> AppendOnceAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken) =>
        AppendAsync(conversation, activity, once: true, cancellationToken);

    private async Task<(string? Id, bool Repeated)> AppendAsync(DirectLineConversation conversation, Activity activity, bool once, CancellationToken cancellationToken)
    {
        var clientActivityId = once ? TranscriptEntry.ClientActivityIdOf(activity) : null;
        await conversation.AppendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (conversation.IsUnloaded)
        {
            // This copy left the cache after the caller found it: append to the one in use now.
            conversation.AppendGate.Release();
            if (await FindAsync(conversation.Id, cancellationToken).ConfigureAwait(false) is not { } current) return (null, false);
            conversation = current;
            await conversation.AppendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            // Deleted (expired or evicted) meanwhile: writing would bring the transcript back.
            if (conversation.Ended.IsCompleted) return (null, false);
            var fromUser = activity.Type == ActivityTypes.Message && activity.From?.Role == "user";
            var limits = TranscriptLimits.From(Options);
            for (var attempt = 1; ; attempt++)
            {
                if (clientActivityId is not null && conversation.FindPost(activity.From?.Id, clientActivityId) is { } kept) return (kept, true);
                var sequence = conversation.LastSequence + 1;
                var now = clock.GetUtcNow();
                activity.Id = conversation.Id + "|" + sequence.ToString("D7", CultureInfo.InvariantCulture);
                activity.Timestamp = now;
                var entry = DirectLineConversation.Prepare(sequence, activity);
                try
                {
                    await PersistAsync(conversation, conversation.ToRecord(entry, limits, now, fromUser), cancellationToken).ConfigureAwait(false);
                }
                catch (StorageConcurrencyException) when (Shared && attempt < MaxSharedAttempts)
                {
                    // Another instance appended first: take in its activities and try the next number.
                    if (!await CatchUpAsync(conversation, cancellationToken).ConfigureAwait(false)) return (null, false);
                    continue;
                }
                conversation.Commit(entry, limits, now, fromUser);
                await _bus.PublishAsync(conversation.Id, sequence).ConfigureAwait(false);
                return (activity.Id, false);
            }
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

    /// <summary>
    /// Whether the conversation was started and has since been deleted (an expired one is deleted now).
    /// Checked without loading a stored transcript into the cache.
    /// </summary>
    public async Task<bool> IsDeletedAsync(string id, CancellationToken cancellationToken)
    {
        var exists = _loaded.ContainsKey(id)
            ? await FindAsync(id, cancellationToken).ConfigureAwait(false) is not null
            : !await IsGoneAsync(id, cancellationToken).ConfigureAwait(false);
        if (exists) return false;
        // After a restart the deleted ids are known once the index was read.
        if (!_deletedLoaded) await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        return _deleted.ContainsKey(id);
    }

    /// <summary>How many conversations are in the in-memory cache.</summary>
    internal int LoadedCount => _loaded.Count;

    private async Task<int> SweepLockedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        _quota.Prune(Options.ConversationIdleTimeout, now);
        foreach (var (id, conversation) in _loaded)
        {
            if (now - conversation.LastActiveAt >= Options.UnloadAfter) Unload(id, conversation);
        }
        UnloadOverBudget(keep: null);
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
        if (await ReadRecordAsync(id, cancellationToken).ConfigureAwait(false) is not { } record) return true;
        var lastActive = record.LastActiveAt;
        var used = record.HasUserMessage;
        var timeout = used || Options.UnusedConversationIdleTimeout > Options.ConversationIdleTimeout ? Options.ConversationIdleTimeout : Options.UnusedConversationIdleTimeout;
        if (clock.GetUtcNow() - lastActive < timeout) return false;
        await DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool IsExpired(DirectLineConversation conversation, DateTimeOffset now) =>
        conversation.IsIdle(now, Options.ConversationIdleTimeout, Options.UnusedConversationIdleTimeout);

    private async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        _deleted[id] = clock.GetUtcNow().ToUnixTimeSeconds();
        if (_loaded.TryRemove(id, out var conversation)) conversation.End();
        // The bot's conversation state goes with the transcript: nothing else would ever delete it.
        await storage.DeleteAsync([TranscriptKeyPrefix + id, BotStateKey(id)], cancellationToken).ConfigureAwait(false);
        await _bus.PublishAsync(id, -1).ConfigureAwait(false);
        // The index entry goes at the next sweep (which holds the index gate): a find may run inside it.
    }

    /// <summary>The SDK ConversationState's key for a Direct Line conversation (<c>{channel}/conversations/{id}</c>).</summary>
    internal static string BotStateKey(string id) => DirectLineTurnRunner.ChannelId + "/conversations/" + id;

    /// <summary>The stored transcript, or null when there is none (or it cannot be read: then it is treated as gone).</summary>
    private async Task<TranscriptRecord?> ReadRecordAsync(string id, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([TranscriptKeyPrefix + id], cancellationToken).ConfigureAwait(false);
        if (!items.TryGetValue(TranscriptKeyPrefix + id, out var item)) return null;
        try
        {
            return StoredJson.As<TranscriptRecord>(item);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            LogUnreadable(logger);
            return null;
        }
    }

    private async Task PersistAsync(DirectLineConversation conversation, TranscriptRecord record, CancellationToken cancellationToken)
    {
        var key = TranscriptKeyPrefix + conversation.Id;
        try
        {
            // The ETag it was last written with; none for a new conversation (create-only).
            await storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConcurrencyException) when (!Shared)
        {
            // Only this process writes a transcript, and only under its append gate; a mismatch means
            // the copy was deleted or replaced behind our back. Memory is the truth: write it back.
            LogOverwrite(logger);
            record.ETag = StoredJson.AnyETag;
            await storage.WriteAsync(new Dictionary<string, object> { [key] = record }, cancellationToken).ConfigureAwait(false);
        }
        conversation.ETag = record.ETag;
    }

    private async Task RemoveFromIndexAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (index, etag) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
            if (!index.Remove(id)) return;
            try
            {
                await WriteIndexAsync(index, etag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConcurrencyException) when (Shared && attempt < MaxSharedAttempts)
            {
                // Another instance changed the index: read it again.
            }
        }
    }

    /// <summary>Writes the index with <paramref name="id"/> added; shared, a lost race re-reads the index and adds it again.</summary>
    private async Task AddToIndexAsync(Dictionary<string, long> index, string? etag, string id, long createdAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteIndexAsync(index, etag, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (StorageConcurrencyException) when (Shared && attempt < MaxSharedAttempts)
            {
                (index, etag) = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
                index[id] = createdAt;
            }
        }
    }

    /// <summary>
    /// Shared store: brings a cached conversation up to date with the stored transcript; false (and
    /// the copy is dropped, its streams closed) when another instance deleted it.
    /// </summary>
    internal async Task<bool> CatchUpAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        if (!Shared) return true;
        if (await ReadRecordAsync(conversation.Id, cancellationToken).ConfigureAwait(false) is { } record)
        {
            conversation.Refresh(record);
            return true;
        }
        Forget(conversation);
        return false;
    }

    /// <summary>Another instance appended to (or deleted) a conversation: a cached copy catches up, so its streams send the news.</summary>
    private async Task OnChangedElsewhereAsync(string id, long sequence)
    {
        if (!_loaded.TryGetValue(id, out var conversation)) return;
        if (sequence < 0)
        {
            Forget(conversation);
            return;
        }
        if (sequence <= conversation.LastSequence) return;
        await CatchUpAsync(conversation, CancellationToken.None).ConfigureAwait(false);
    }

    private void Forget(DirectLineConversation conversation)
    {
        _deleted.TryAdd(conversation.Id, clock.GetUtcNow().ToUnixTimeSeconds());
        if (_loaded.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation))) conversation.End();
    }

    private async Task<(Dictionary<string, long> Index, string? ETag)> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([IndexKey], cancellationToken).ConfigureAwait(false);
        _deletedLoaded = true;
        if (!items.TryGetValue(IndexKey, out var item) || StoredJson.As<ConversationIndex>(item) is not { } stored)
            return (new Dictionary<string, long>(StringComparer.Ordinal), null);
        foreach (var (id, deleted) in stored.Deleted) _deleted.TryAdd(id, deleted);
        return (new Dictionary<string, long>(stored.Conversations, StringComparer.Ordinal), stored.ETag);
    }

    private async Task WriteIndexAsync(Dictionary<string, long> index, string? etag, CancellationToken cancellationToken)
    {
        var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
        var forgetBefore = (clock.GetUtcNow() - Options.TokenLifetime).ToUnixTimeSeconds();
        foreach (var (id, at) in _deleted)
        {
            if (at < forgetBefore) _deleted.TryRemove(id, out _);
            else deleted[id] = at;
        }
        // Written against the ETag it was read with: a second process sharing the store makes this throw
        // rather than silently drop the other's conversations (the caller's request then fails with 500).
        var record = new ConversationIndex { Conversations = index, Deleted = deleted, ETag = etag };
        await storage.WriteAsync(new Dictionary<string, object> { [IndexKey] = record }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation started ({Count} kept)")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted the least recently used idle Direct Line conversation to start a new one")]
    private static partial void LogEvicted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} idle Direct Line conversations")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored Direct Line transcript could not be read; it is treated as gone")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Direct Line transcript changed in storage behind this process; rewriting it from memory")]
    private static partial void LogOverwrite(ILogger logger);
}
