using System.Text.Json;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// Buttons in the form the channel handles: Action.Execute in Teams (an <c>adaptiveCard/action</c>
/// invoke), Action.Submit elsewhere (Web Chat posts a message whose value is the data), and
/// suggested actions whose text is the question, so tapping and typing reach the dialogs alike.
/// </summary>
internal static class ReplyButtons
{
    public static AdaptiveAction Card(ChannelCapabilities channel, string title, CardActionValue value) =>
        channel.UsesExecuteActions ? new ExecuteAction(title, value) : new SubmitAction(title, value);

    public static AdaptiveAction Ask(ChannelCapabilities channel, string question) =>
        Card(channel, question, new CardActionValue { Action = CardActionValue.Ask, Question = question });

    public static SuggestedActions? Suggested(ChannelCapabilities channel, IReadOnlyList<Suggestion> suggestions)
    {
        if (!channel.ShowsSuggestedActions || suggestions.Count == 0) return null;
        var actions = suggestions.Take(channel.MaxSuggestedActions).Select(s => channel.SupportsMessageBack
            ? new CardAction
            {
                Type = "messageBack",
                Title = s.Title,
                Text = s.Text,
                DisplayText = s.Text,
                Value = JObject.Parse(JsonSerializer.Serialize(s.Value, AdaptiveCardJson.Options)),
            }
            : new CardAction { Type = "imBack", Title = s.Title, Value = s.Text });
        return new SuggestedActions { Actions = [.. actions] };
    }
}

/// <summary>A suggested action: the button label, the text it sends, and the value for messageBack.</summary>
internal sealed record Suggestion(string Title, string Text, CardActionValue Value)
{
    public static Suggestion Ask(string question) =>
        new(question, question, new CardActionValue { Action = CardActionValue.Ask, Question = question });
}
