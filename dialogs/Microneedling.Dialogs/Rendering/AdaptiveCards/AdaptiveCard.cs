using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// The root of an Adaptive Card. <see cref="Version"/> is 1.5: Teams renders bot cards up to 1.5,
/// and every element and action type in this namespace exists in 1.5.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaVersion = "1.5";

    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema"), JsonPropertyOrder(-2)]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-1)]
    public string Version => SchemaVersion;

    public List<CardElement> Body { get; } = [];

    /// <summary>Card-level buttons; omitted from the JSON when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public List<AdaptiveAction>? Actions { get; private set; }

    /// <summary>
    /// Universal Actions refresh: Teams sends this action as an <c>adaptiveCard/action</c> invoke when the
    /// card is shown and puts the card the bot answers in its place, so an old card shows current content.
    /// </summary>
    public CardRefresh? Refresh { get; set; }

    /// <summary>What hosts that cannot render the card show instead.</summary>
    public string? FallbackText { get; set; }

    /// <summary>What a voice host reads for the card.</summary>
    public string? Speak { get; set; }

    /// <summary>The BCP-47 language of the card's text.</summary>
    public string? Lang { get; set; }

    public AdaptiveCard Add(params IEnumerable<CardElement> elements)
    {
        Body.AddRange(elements);
        return this;
    }

    public AdaptiveCard AddAction(params IEnumerable<AdaptiveAction> actions)
    {
        (Actions ??= []).AddRange(actions);
        return this;
    }
}
