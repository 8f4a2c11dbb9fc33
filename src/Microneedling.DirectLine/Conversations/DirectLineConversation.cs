using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;
using Microneedling.DirectLine.Streaming;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// One Direct Line conversation in memory: its transcript (user and bot activities, each with the
/// sequence number that is also its watermark), the gate that runs its bot turns one at a time, and
/// the signal that wakes its open streams. The store persists it after every append.
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

    /// <summary>Held while a bot turn runs, so turns of one conversation never race on its state.</summary>
    public SemaphoreSlim TurnGate { get; } = new(1, 1);

    /// <summary>Held while an activity is appended and persisted, so sequence numbers and writes stay in order.</summary>
    public SemaphoreSlim AppendGate { get; } = new(1, 1);

    /// <summary>The open WebSocket streams; a conversation with one is never evicted.</summary>
    public ConversationStreams Streams { get; } = new();

    /// <summary>
    /// Whether the conversation may make room for a new one at the cap: no stream open, no turn or
    /// append under way, and quiet for at least <paramref name="quiet"/>.
    /// </summary>
    public bool IsEvictable(DateTimeOffset now, TimeSpan quiet) =>
        Streams.Count == 0 && TurnGate.CurrentCount == 1 && AppendGate.CurrentCount == 1 && now - LastActiveAt >= quiet;

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
            if (TurnGate.CurrentCount == 0 || !Streams.TryClose()) return false;
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
        new(sequence, JsonSerializer.Serialize(activity, BotJson.Options), activity.Type == ActivityTypes.Typing);

    /// <summary>
    /// Adds a prepared entry once it is stored, drops what no longer fits and wakes the streams. Only
    /// after the write: a client must never see (or get an echo for) an activity that was not kept.
    /// </summary>
    public void Commit(TranscriptEntry entry, TranscriptLimits limits, DateTimeOffset now, bool fromUser)
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
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

    /// <summary>The persisted form as it is now: identity, times and the kept activities.</summary>
    public JsonObject ToJson()
    {
        lock (_lock) return ToJsonLocked(_entries, LastSequence, LastActiveAt, HasUserMessage);
    }

    /// <summary>The persisted form as it will be once <paramref name="pending"/> is committed.</summary>
    public JsonObject ToJson(TranscriptEntry pending, TranscriptLimits limits, DateTimeOffset now, bool fromUser)
    {
        lock (_lock)
        {
            var entries = new List<TranscriptEntry>(_entries) { pending };
            var drop = limits.Overflow(entries, _bytes + pending.Bytes);
            return ToJsonLocked(entries.GetRange(drop, entries.Count - drop), pending.Sequence, now, HasUserMessage || fromUser);
        }
    }

    public static DirectLineConversation FromJson(JsonObject json, string? etag)
    {
        var conversation = new DirectLineConversation(
            json["id"]!.GetValue<string>(),
            json["userId"]!.GetValue<string>(),
            json["createdAt"]!.GetValue<DateTimeOffset>())
        {
            ETag = etag,
        };
        foreach (var item in json["activities"]?.AsArray() ?? [])
        {
            var activity = item!["activity"]!;
            var entry = new TranscriptEntry(item["seq"]!.GetValue<long>(), activity.ToJsonString(), activity["type"]?.GetValue<string>() == ActivityTypes.Typing);
            conversation._entries.Add(entry);
            conversation._bytes += entry.Bytes;
        }
        conversation.LastSequence = json["lastSequence"]!.GetValue<long>();
        conversation.LastActiveAt = json["lastActiveAt"]!.GetValue<DateTimeOffset>();
        // Transcripts stored before the flag existed count as used: they keep the long timeout.
        conversation.HasUserMessage = json["hasUserMessage"]?.GetValue<bool>() ?? true;
        return conversation;
    }

    public void End() => _ended.TrySetResult();

    public void Dispose()
    {
        TurnGate.Dispose();
        AppendGate.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JsonObject ToJsonLocked(List<TranscriptEntry> entries, long lastSequence, DateTimeOffset lastActiveAt, bool hasUserMessage)
    {
        var activities = new JsonArray();
        foreach (var entry in entries)
            activities.Add(new JsonObject { ["seq"] = entry.Sequence, ["activity"] = JsonNode.Parse(entry.Json) });
        return new JsonObject
        {
            ["id"] = Id,
            ["userId"] = UserId,
            ["createdAt"] = CreatedAt,
            ["lastActiveAt"] = lastActiveAt,
            ["lastSequence"] = lastSequence,
            ["hasUserMessage"] = hasUserMessage,
            ["activities"] = activities,
        };
    }
}
