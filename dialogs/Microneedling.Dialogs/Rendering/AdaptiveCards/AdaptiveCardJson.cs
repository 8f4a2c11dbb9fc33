using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// Writes cards with the Adaptive Card JSON names: camelCase properties and enum values
/// ("bolder", "attention"), unset properties left out so the schema defaults apply.
/// </summary>
public static class AdaptiveCardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JsonObject ToJson(AdaptiveCard card) =>
        JsonSerializer.SerializeToNode(card, Options)!.AsObject();

    /// <summary>
    /// The card as an activity attachment: content inline as a JSON object (a Newtonsoft
    /// <see cref="JObject"/>, which the SDK serialises as it is; never an AdaptiveCards.* type).
    /// </summary>
    public static Attachment ToAttachment(AdaptiveCard card) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = JObject.Parse(JsonSerializer.Serialize(card, Options)),
    };
}
