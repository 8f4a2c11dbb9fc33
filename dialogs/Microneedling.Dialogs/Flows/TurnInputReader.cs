using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Teams;
using Microneedling.Dialogs.Rendering;

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

    public static TurnInput ReadMessage(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // Only the button data counts when a value came with the message (Teams messageBack repeats the title as text).
        if (activity.Value is not null) return ReadAction(activity.Value);
        return new TurnInput { Text = Clean(TeamsActivity.RemoveRecipientMention(activity)) };
    }

    public static TurnInput ReadInvoke(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = activity.Value is JsonObject value && value["action"] is JsonObject action ? action["data"] : null;
        return data is null
            ? new TurnInput { Problem = "The card action carried no data." }
            : ReadAction(data);
    }

    private static TurnInput ReadAction(JsonNode node)
    {
        if (node is not JsonObject) return new TurnInput { Problem = "The button value is not a JSON object." };
        CardActionValue? action;
        try
        {
            action = node.Deserialize<CardActionValue>();
        }
        catch (JsonException)
        {
            return new TurnInput { Problem = "The button value has no readable action." };
        }
        if (action is null || !KnownActions.Contains(action.Action, StringComparer.Ordinal))
            return new TurnInput { Problem = "The button asks for an action this bot does not know." };
        return new TurnInput { Action = action, Text = action.Action == CardActionValue.Ask ? Clean(action.Question) : "" };
    }

    /// <summary>Control characters (escape sequences, NULs) become spaces; the rest is trimmed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        foreach (var ch in text) result.Append(char.IsControl(ch) && ch is not ('\n' or '\t') ? ' ' : ch);
        return result.ToString().Trim();
    }
}
