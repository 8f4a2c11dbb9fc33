using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// One Direct Line conversation in memory: its transcript (user and bot activities, each with the
/// sequence number that is also its watermark), the gate that runs its bot turns one at a time, and
/// the signal that wakes its open streams. The store persists it after every append.
/// </summary>
internal sealed class DirectLineConversation : IDisposable
{
    private readonly List<Entry> _entries = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private readonly TaskCompletionSource _ended = NewSignal();

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

    /// <summary>Completes when the conversation is deleted (idle expiry): open streams close.</summary>
    public Task Ended => _ended.Task;

    public bool IsIdle(DateTimeOffset now, TimeSpan idleTimeout) => now - LastActiveAt >= idleTimeout;

    /// <summary>Completes at the next append; take it before reading so no append is missed in between.</summary>
    public Task NextChange()
    {
        lock (_lock) return _changed.Task;
    }

    /// <summary>Adds an activity (already given its id and sequence) and wakes the streams.</summary>
    public void Append(long sequence, Activity activity, int maxKept, DateTimeOffset now)
    {
        var json = JsonSerializer.Serialize(activity, BotJson.Options);
        TaskCompletionSource wake;
        lock (_lock)
        {
            _entries.Add(new Entry(sequence, json, activity.Type == ActivityTypes.Typing));
            if (_entries.Count > maxKept) _entries.RemoveRange(0, _entries.Count - maxKept);
            LastSequence = sequence;
            LastActiveAt = now;
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

    /// <summary>The persisted form: identity, times and the kept activities.</summary>
    public JsonObject ToJson()
    {
        var activities = new JsonArray();
        lock (_lock)
        {
            foreach (var entry in _entries)
                activities.Add(new JsonObject { ["seq"] = entry.Sequence, ["activity"] = JsonNode.Parse(entry.Json) });
            return new JsonObject
            {
                ["id"] = Id,
                ["userId"] = UserId,
                ["createdAt"] = CreatedAt,
                ["lastActiveAt"] = LastActiveAt,
                ["lastSequence"] = LastSequence,
                ["activities"] = activities,
            };
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
            conversation._entries.Add(new Entry(item["seq"]!.GetValue<long>(), activity.ToJsonString(), activity["type"]?.GetValue<string>() == ActivityTypes.Typing));
        }
        conversation.LastSequence = json["lastSequence"]!.GetValue<long>();
        conversation.LastActiveAt = json["lastActiveAt"]!.GetValue<DateTimeOffset>();
        return conversation;
    }

    public void End() => _ended.TrySetResult();

    public void Dispose()
    {
        TurnGate.Dispose();
        AppendGate.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Entry(long Sequence, string Json, bool IsTyping);
}
