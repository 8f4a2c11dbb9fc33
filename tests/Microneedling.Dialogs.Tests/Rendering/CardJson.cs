using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

/// <summary>
/// Reads a reply the way a channel does: the activity as wire JSON, its Adaptive Card, and every
/// element, action and link in it.
/// </summary>
internal sealed partial class CardJson
{
    public const string AdaptiveContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Every element and action type of Adaptive Cards 1.5 (adaptivecards.io schema explorer).</summary>
    public static readonly HashSet<string> Types15 =
    [
        "AdaptiveCard", "TextBlock", "Image", "Media", "MediaSource", "RichTextBlock", "TextRun", "Table", "TableRow", "TableCell",
        "Container", "ColumnSet", "Column", "FactSet", "ImageSet", "ActionSet",
        "Input.Text", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle", "Input.ChoiceSet",
        "Action.OpenUrl", "Action.Submit", "Action.ShowCard", "Action.ToggleVisibility", "Action.Execute",
    ];

    private CardJson(JsonObject activity, JsonObject card)
    {
        Activity = activity;
        Card = card;
    }

    /// <summary>The reply as it goes on the wire.</summary>
    public JsonObject Activity { get; }

    public JsonObject Card { get; }

    /// <summary>Serializes the reply with the wire options and parses it back, then finds its one Adaptive Card.</summary>
    public static CardJson Of(Activity reply)
    {
        var activity = Wire(reply);
        var attachments = activity["attachments"]!.AsArray();
        Assert.Single(attachments);
        Assert.Equal(AdaptiveContentType, (string?)attachments[0]!["contentType"]);
        return new CardJson(activity, attachments[0]!["content"]!.AsObject());
    }

    /// <summary>The reply as the SDK writes it on the wire (Newtonsoft, nulls left out).</summary>
    public static JsonObject Wire(Activity reply) => Testing.Replies.Wire(reply);

    /// <summary>Every object in the card that has a "type" (elements, columns, actions, the card).</summary>
    public IEnumerable<JsonObject> Typed() => Descendants(Card).Where(o => o["type"] is JsonValue);

    public IEnumerable<JsonObject> Actions(string type) => Typed().Where(o => (string?)o["type"] == type);

    /// <summary>Buttons that talk to the bot (Submit or Execute), with their data as the dialogs read it.</summary>
    public IEnumerable<(string Title, CardActionValue Value)> Buttons() =>
        Typed()
            .Where(o => (string?)o["type"] is "Action.Submit" or "Action.Execute")
            .Select(o => ((string)o["title"]!, o["data"].Deserialize<CardActionValue>()!));

    public IEnumerable<string> Texts() => Actions("TextBlock").Select(o => (string)o["text"]!);

    /// <summary>Every URL in the card: OpenUrl actions and Markdown links in text.</summary>
    public IEnumerable<string> Urls() =>
        Actions("Action.OpenUrl").Select(o => (string)o["url"]!)
            .Concat(Texts().SelectMany(t => MarkdownLink().Matches(t).Select(m => m.Groups[2].Value)));

    public static IEnumerable<(string Text, string Url)> Links(string markdown) =>
        MarkdownLink().Matches(markdown).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    private static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var child in obj.SelectMany(p => Descendants(p.Value))) yield return child;
                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(Descendants)) yield return child;
                break;
        }
    }

    [GeneratedRegex(@"\[([^\]]*)\]\(([^)\s]*)\)")]
    private static partial Regex MarkdownLink();
}
