using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// A Direct Line conversation as stored (one item per transcript, key <c>directline:transcript/{id}</c>):
/// who it is for, when it was last used, the newest sequence number and the kept activities, each
/// with its sequence number (its watermark). The same JSON as before the typed record.
/// </summary>
internal sealed class TranscriptRecord : IStoreItem
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("userId")]
    public string UserId { get; set; } = "";

    [JsonProperty("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonProperty("lastActiveAt")]
    public DateTimeOffset LastActiveAt { get; set; }

    [JsonProperty("lastSequence")]
    public long LastSequence { get; set; }

    /// <summary>Transcripts stored before the flag existed count as used: they keep the long idle timeout.</summary>
    [JsonProperty("hasUserMessage")]
    public bool HasUserMessage { get; set; } = true;

    [JsonProperty("activities")]
    public List<TranscriptActivity> Activities { get; set; } = [];

    [JsonProperty("eTag", NullValueHandling = NullValueHandling.Ignore)]
    public string? ETag { get; set; }
}

/// <summary>One kept activity: its sequence number and the activity's JSON (raw when written, so it is not parsed again).</summary>
internal sealed class TranscriptActivity
{
    [JsonProperty("seq")]
    public long Sequence { get; set; }

    [JsonProperty("activity")]
    public JToken? Activity { get; set; }
}

/// <summary>The conversations kept (id: creation time, unix seconds) and recently deleted ones (id: deletion time).</summary>
internal sealed class ConversationIndex : IStoreItem
{
    [JsonProperty("conversations")]
    public Dictionary<string, long> Conversations { get; set; } = new(StringComparer.Ordinal);

    [JsonProperty("deleted")]
    public Dictionary<string, long> Deleted { get; set; } = new(StringComparer.Ordinal);

    [JsonProperty("eTag", NullValueHandling = NullValueHandling.Ignore)]
    public string? ETag { get; set; }
}
