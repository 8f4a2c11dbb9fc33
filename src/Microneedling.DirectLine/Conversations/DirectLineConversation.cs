using System.Globalization;
using System.Text;
using Microneedling.DirectLine.Streaming;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// One Direct Line conversation in memory: its transcript (user and bot activities, each with the
/// sequence number that is also its watermark), how many bot turns are running (the turns themselves
/// are serialised by the adapter's conversation lock), and the signal that wakes its open streams.
/// The store persists it after every append.
/// </summary>
internal sealed class DirectLineConversation : IDisposable
{
    private readonly List<TranscriptEntry> _entries = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private readonly TaskCompletionSource _ended = NewSignal();
    private long _bytes;

    public DirectLineConversation(string id, string userId, DateTimeOffset createdAt)
    {
        Id = id;
        UserId = userId;
        CreatedAt = createdAt;
        LastActiveAt = createdAt;
    }

    public string Id { get; }

    /// <summary>The user the conversation was started for; tokens of another user are refused.</summary>
    public string UserId { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastActiveAt { get; private set; }

    /// <summary>The sequence number of the newest activity (0 before the first).</summary>
    public long LastSequence { get; private set; }

    /// <summary>The ETag the persisted copy was last written with.</summary>
    public string? ETag { get; set; }

    private int _runningTurns;

    /// <summary>Counts a bot turn of this conversation as running (it must not leave memory meanwhile).</summary>
    public void TurnStarted() => Interlocked.Increment(ref _runningTurns);

    public void TurnEnded() => Interlocked.Decrement(ref _runningTurns);

    private bool TurnRunning => Volatile.Read(ref _runningTurns) > 0;

    /// <summary>Held while an activity is appended and persisted, so sequence numbers and writes stay in order.</summary>
    public SemaphoreSlim AppendGate { get; } = new(1, 1);

    /// <summary>The open WebSocket streams; a conversation with one is never evicted.</summary>
    public ConversationStreams Streams { get; } = new();

    /// <summary>
    /// Whether the conversation may make room for a new one at the cap: no stream open, no turn or
    /// append under way, and quiet for at least <paramref name="quiet"/>.
    /// </summary>
    public bool IsEvictable(DateTimeOffset now, TimeSpan quiet) =>
        Streams.Count == 0 && !TurnRunning && AppendGate.CurrentCount == 1 && now - LastActiveAt >= quiet;

    /// <summary>
    /// Set when the conversation left the in-memory cache: this object must no longer be written or
    /// streamed from, because a later request loads a fresh copy from storage.
    /// </summary>
    public bool IsUnloaded { get; private set; }

    /// <summary>
    /// Marks the conversation unloaded if nothing uses it (no stream, turn or append); the check and
    /// the mark are atomic with respect to appends and new streams.
    /// </summary>
    public bool TryUnload()
    {
        if (!AppendGate.Wait(0)) return false;
        try
        {
            if (TurnRunning || !Streams.TryClose()) return false;
            IsUnloaded = true;
            return true;
        }
        finally
        {
            AppendGate.Release();
        }
    }

    /// <summary>Completes when the conversation is deleted (idle expiry): open streams close.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Whether a user message was ever posted; until then the shorter unused idle timeout applies.</summary>
    public bool HasUserMessage { get; private set; }

    /// <summary>Bytes of the kept activities as stored (what the transcript byte budget is kept on).</summary>
    public long TranscriptBytes
    {
        get
        {
            lock (_lock) return _bytes;
        }
    }

    public bool IsIdle(DateTimeOffset now, TimeSpan idleTimeout, TimeSpan unusedIdleTimeout) =>
        now - LastActiveAt >= (HasUserMessage ? idleTimeout : Min(idleTimeout, unusedIdleTimeout));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Completes at the next append; take it before reading so no append is missed in between.</summary>
    public Task NextChange()
    {
        lock (_lock) return _changed.Task;
    }

    /// <summary>The entry an activity (already given its id and time) would become; nothing changes yet.</summary>
    public static TranscriptEntry Prepare(long sequence, Activity activity) =>
        new(sequence, JsonConvert.SerializeObject(activity, DirectLineJson.ActivitySettings), activity.Type == ActivityTypes.Typing);

    /// <summary>
    /// Adds a prepared entry once it is stored, drops what no longer fits and wakes the streams. Only
    /// after the write: a client must never see (or get an echo for) an activity that was not kept.
    /// </summary>
    public void Commit(TranscriptEntry entry, TranscriptLimits limits, DateTimeOffset now, bool fromUser)
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            // Already here: a re-read of the stored transcript (another instance's change) brought it first.
            if (entry.Sequence <= LastSequence) return;
            _entries.Add(entry);
            _bytes += entry.Bytes;
            var drop = limits.Overflow(_entries, _bytes);
            for (var i = 0; i < drop; i++) _bytes -= _entries[i].Bytes;
            _entries.RemoveRange(0, drop);
            LastSequence = entry.Sequence;
            LastActiveAt = now;
            HasUserMessage |= fromUser;
            wake = _changed;
            _changed = NewSignal();
        }
        wake.TrySetResult();
    }

    /// <summary>
    /// Takes in what another instance stored (a newer transcript: more activities, later activity)
    /// and wakes the streams; an older or equal copy changes nothing but the ETag it was stored with.
    /// </summary>
    public void Refresh(TranscriptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        TaskCompletionSource wake;
        lock (_lock)
        {
            if (record.LastSequence < LastSequence) return;
            ETag = record.ETag;
            if (record.LastSequence == LastSequence) return;
            _entries.Clear();
            _bytes = 0;
            foreach (var entry in EntriesOf(record))
            {
                _entries.Add(entry);
                _bytes += entry.Bytes;
            }
            LastSequence = record.LastSequence;
            if (record.LastActiveAt > LastActiveAt) LastActiveAt = record.LastActiveAt;
            HasUserMessage |= record.HasUserMessage;
            wake = _changed;
            _changed = NewSignal();
        }
        wake.TrySetResult();
    }

    public void Touch(DateTimeOffset now)
    {
        lock (_lock) LastActiveAt = now;
    }

    /// <summary>
    /// The ActivitySet JSON of the activities after <paramref name="watermark"/> (at most
    /// <paramref name="max"/>), the watermark to send with it, and how many it holds. Typing
    /// activities travel only on the stream (protocol detail §4.1), so polling skips them.
    /// </summary>
    public (string Json, long Watermark, int Count) ReadAfter(long watermark, int max, bool includeTyping)
    {
        var builder = new StringBuilder("{\"activities\":[");
        var count = 0;
        long last;
        lock (_lock)
        {
            last = Math.Max(watermark, LastSequence);
            foreach (var entry in _entries)
            {
                if (entry.Sequence <= watermark || (entry.IsTyping && !includeTyping)) continue;
                if (count == max)
                {
                    last = entry.Sequence - 1;
                    break;
                }
                if (count > 0) builder.Append(',');
                builder.Append(entry.Json);
                count++;
            }
        }
        builder.Append("],\"watermark\":\"").Append(last.ToString(CultureInfo.InvariantCulture)).Append("\"}");
        return (builder.ToString(), last, count);
    }

    // A client retries within seconds: its first post is among the last few kept activities.
    private const int RetryLookBack = 16;

    /// <summary>
    /// The id of a recent post by <paramref name="userId"/> with this <paramref name="clientActivityId"/>,
    /// if one of the last few kept activities is it (a client retrying a post that was kept).
    /// </summary>
    public string? FindPost(string? userId, string clientActivityId)
    {
        lock (_lock)
        {
            for (var i = _entries.Count - 1; i >= Math.Max(0, _entries.Count - RetryLookBack); i--)
            {
                var (user, client) = _entries[i].Post;
                if (client == clientActivityId && user == userId)
                    return Id + "|" + _entries[i].Sequence.ToString("D7", CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>The persisted form as it is now: identity, times and the kept activities.</summary>
    public TranscriptRecord ToRecord()
    {
        lock (_lock) return ToRecordLocked(_entries, LastSequence, LastActiveAt, HasUserMessage);
    }

    /// <summary>The persisted form as it will be once <paramref name="pending"/> is committed.</summary>
    public TranscriptRecord ToRecord(TranscriptEntry pending, TranscriptLimits limits, DateTimeOffset now, bool fromUser)
    {
        lock (_lock)
        {
            var entries = new List<TranscriptEntry>(_entries) { pending };
            var drop = limits.Overflow(entries, _bytes + pending.Bytes);
            return ToRecordLocked(entries.GetRange(drop, entries.Count - drop), pending.Sequence, now, HasUserMessage || fromUser);
        }
    }

    public static DirectLineConversation FromRecord(TranscriptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var conversation = new DirectLineConversation(record.Id, record.UserId, record.CreatedAt) { ETag = record.ETag };
        foreach (var entry in EntriesOf(record))
        {
            conversation._entries.Add(entry);
            conversation._bytes += entry.Bytes;
        }
        conversation.LastSequence = record.LastSequence;
        conversation.LastActiveAt = record.LastActiveAt;
        conversation.HasUserMessage = record.HasUserMessage;
        return conversation;
    }

    private static IEnumerable<TranscriptEntry> EntriesOf(TranscriptRecord record) =>
        record.Activities
            .Where(item => item?.Activity is JObject)
            .Select(item => new TranscriptEntry(item.Sequence, item.Activity!.ToString(Formatting.None), (string?)item.Activity!["type"] == ActivityTypes.Typing));

    public void End() => _ended.TrySetResult();

    public void Dispose() => AppendGate.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TranscriptRecord ToRecordLocked(List<TranscriptEntry> entries, long lastSequence, DateTimeOffset lastActiveAt, bool hasUserMessage) => new()
    {
        Id = Id,
        UserId = UserId,
        CreatedAt = CreatedAt,
        LastActiveAt = lastActiveAt,
        LastSequence = lastSequence,
        HasUserMessage = hasUserMessage,
        // Raw: each activity is already JSON; it is written as it is, not parsed again.
        Activities = [.. entries.Select(e => new TranscriptActivity { Sequence = e.Sequence, Activity = new JRaw(e.Json) })],
        ETag = ETag,
    };
}
