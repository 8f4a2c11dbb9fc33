using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>Reads and writes stored items as System.Text.Json objects (what is on disk, without the ETag), for tests.</summary>
public static class StorageJson
{
    /// <summary>The stored JSON of <paramref name="key"/> without its ETag, or null when absent.</summary>
    public static async Task<JsonObject?> ReadJsonAsync(this IStorage storage, string key)
    {
        var items = await storage.ReadAsync([key]);
        if (!items.TryGetValue(key, out var value)) return null;
        var json = (JObject)((JObject)value).DeepClone();
        json.Remove(StoredJson.ETagProperty);
        return JsonNode.Parse(json.ToString())!.AsObject();
    }

    /// <summary>The ETag <paramref name="key"/> is stored with, or null.</summary>
    public static async Task<string?> ReadETagAsync(this IStorage storage, string key)
    {
        var items = await storage.ReadAsync([key]);
        return items.TryGetValue(key, out var value) ? (string?)((JObject)value)[StoredJson.ETagProperty] : null;
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/> against <paramref name="etag"/> ("*": unconditionally; null: create only).</summary>
    public static Task WriteJsonAsync(this IStorage storage, string key, JsonObject value, string? etag = StoredJson.AnyETag)
    {
        var json = JObject.Parse(value.ToJsonString());
        if (etag is not null) json[StoredJson.ETagProperty] = etag;
        return storage.WriteAsync(new Dictionary<string, object> { [key] = json });
    }

    /// <summary>The bot's typed conversation data as stored (the accessor's property of the conversation state).</summary>
    public static async Task<JsonObject?> ConversationDataAsync(this IStorage storage, string channelId, string conversationId) =>
        (await storage.ReadJsonAsync($"{channelId}/conversations/{conversationId}"))?["conversationData"]?.AsObject();
}
