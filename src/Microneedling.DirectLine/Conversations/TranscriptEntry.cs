using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.DirectLine.Conversations;

/// <summary>One kept activity: its sequence number (watermark) and its JSON as stored and sent.</summary>
internal sealed record TranscriptEntry(long Sequence, string Json, bool IsTyping)
{
    // The {"seq":N,"activity":...} wrapper around the activity in the stored item.
    private const int WrapperBytes = 48;

    /// <summary>What the entry adds to the stored transcript item, which the byte budget is kept on.</summary>
    public int Bytes { get; } = Encoding.UTF8.GetByteCount(Json) + WrapperBytes;

    /// <summary>Who posted it and the client's own id for the post (for a user's message; else nulls), read once when asked.</summary>
    public (string? UserId, string? ClientActivityId) Post => _post ??= ReadPost(Json);

    private (string?, string?)? _post;

    /// <summary>The id a client gave its post (<c>channelData.clientActivityID</c>, as Web Chat sends it), if any.</summary>
    public static string? ClientActivityIdOf(Activity activity) => ClientActivityIdIn(activity.ChannelData as JToken);

    private static string? ClientActivityIdIn(JToken? channelData) =>
        channelData is JObject data && data["clientActivityID"] is JValue { Type: JTokenType.String } value && value.Value<string>() is { Length: > 0 and <= 256 } id
            ? id
            : null;

    private static (string?, string?) ReadPost(string json)
    {
        var activity = JObject.Parse(json);
        if ((string?)activity["type"] != ActivityTypes.Message || (string?)activity["from"]?["role"] != RoleTypes.User) return (null, null);
        return ((string?)activity["from"]?["id"], ClientActivityIdIn(activity["channelData"]));
    }
}
