using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>Reads what a reply shows: its text, the Adaptive Card's text and buttons, its entities (as System.Text.Json, from the wire JSON).</summary>
public static class Replies
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The reply as the SDK writes it on the wire.</summary>
    public static JsonObject Wire(Activity reply) =>
        JsonNode.Parse(JsonConvert.SerializeObject(reply, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore }))!.AsObject();

    /// <summary>The Adaptive Card of the reply, or null.</summary>
    public static JsonObject? Card(Activity reply) =>
        reply.Attachments?.FirstOrDefault(a => a.ContentType == AdaptiveCardType)?.Content is JObject card
            ? JsonNode.Parse(card.ToString())!.AsObject()
            : null;

    /// <summary>The reply text plus every card text, title and fallback, for "the reply says X" checks.</summary>
    public static string AllText(Activity reply)
    {
        var text = new StringBuilder(reply.Text ?? "");
        if (Card(reply) is { } card) Collect(card, text);
        return text.ToString();
    }

    /// <summary>Every card button's data (Action.Submit <c>data</c>, Action.Execute <c>data</c>) with its title.</summary>
    public static IReadOnlyList<(string Title, JsonObject Data)> Buttons(Activity reply)
    {
        var found = new List<(string, JsonObject)>();
        if (Card(reply) is { } card) CollectButtons(card, found);
        return found;
    }

    /// <summary>The schema.org ClaimReview entity as on the wire (type and properties), or null.</summary>
    public static JsonObject? ClaimReview(Activity reply) =>
        Wire(reply)["entities"]?.AsArray().OfType<JsonObject>().FirstOrDefault(e => (string?)e["@type"] == "ClaimReview");

    /// <summary>The value a suggested action sends, as System.Text.Json.</summary>
    public static JsonNode? ValueOf(CardAction action) =>
        action.Value is null ? null : JsonNode.Parse(JsonConvert.SerializeObject(action.Value));

    private static void Collect(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "text" or "title" or "fallbackText" && value is JsonValue v && v.TryGetValue<string>(out var s))
                        text.Append('\n').Append(s);
                    else Collect(value, text);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Collect(item, text);
                break;
        }
    }

    private static void CollectButtons(JsonNode? node, List<(string, JsonObject)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["type"] is "Action.Submit" or "Action.Execute" && obj["data"] is JsonObject data)
                    found.Add(((string?)obj["title"] ?? "", data));
                foreach (var (_, value) in obj) CollectButtons(value, found);
                break;
            case JsonArray array:
                foreach (var item in array) CollectButtons(item, found);
                break;
        }
    }
}
