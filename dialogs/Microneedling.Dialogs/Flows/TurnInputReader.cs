using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Teams;
using Microneedling.Dialogs.Rendering;
using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// Reads a message or an Adaptive Card invoke into a <see cref="TurnInput"/>. Action.Submit puts the
/// button's data in the message's <c>value</c> (often with no text); Teams' Action.Execute sends an
/// <c>adaptiveCard/action</c> invoke with the data in <c>value.action.data</c>
/// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview).
/// Never throws for any input.
/// </summary>
public static class TurnInputReader
{
    private static readonly string[] KnownActions =
        [CardActionValue.Ask, CardActionValue.Pick, CardActionValue.NoneOfThese, CardActionValue.Feedback];

    public static TurnInput ReadMessage(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var message = (Activity)activity;
        // Only the button data counts when a value came with the message (Teams messageBack repeats the title as text).
        if (message.Value is not null) return ReadAction(ToNode(message.Value));
        return new TurnInput { Text = UserText.Clean(TeamsActivity.RemoveRecipientMention(message)) };
    }

    public static TurnInput ReadInvoke(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = ToNode(((Activity)activity).Value) is JsonObject value && value["action"] is JsonObject action ? action["data"] : null;
        return data is null
            ? new TurnInput { Problem = "The card action carried no data." }
            : ReadAction(data);
    }

    /// <summary>
    /// The SDK's value (a Newtonsoft token, or a plain value a test set) as System.Text.Json; a repeated
    /// property name was already resolved by Newtonsoft (the last one wins), so indexing never throws.
    /// </summary>
    private static JsonNode? ToNode(object? value)
    {
        if (value is null) return null;
        try
        {
            return JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(value));
        }
        catch (Exception ex) when (ex is JsonException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private static TurnInput ReadAction(JsonNode? node)
    {
        if (node is not JsonObject) return new TurnInput { Problem = "The button value is not a JSON object." };
        CardActionValue? action;
        try
        {
            action = node.Deserialize<CardActionValue>();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return new TurnInput { Problem = "The button value has no readable action." };
        }
        if (action is null || !KnownActions.Contains(action.Action, StringComparer.Ordinal))
            return new TurnInput { Problem = "The button asks for an action this bot does not know." };
        return new TurnInput { Action = action, Text = action.Action == CardActionValue.Ask ? UserText.Clean(action.Question) : "" };
    }
}
