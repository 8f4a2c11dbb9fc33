using System.Globalization;
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
        var data = Property(Property(activity.Value, "action"), "data");
        return data is null
            ? new TurnInput { Problem = "The card action carried no data." }
            : ReadAction(data);
    }

    /// <summary>
    /// The value of <paramref name="name"/> in <paramref name="node"/>; null when the node is not an
    /// object, lacks the property, or repeats a property name (which <see cref="JsonObject"/> cannot index).
    /// </summary>
    private static JsonNode? Property(JsonNode? node, string name)
    {
        if (node is not JsonObject obj) return null;
        try
        {
            return obj.TryGetPropertyValue(name, out var value) ? value : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static TurnInput ReadAction(JsonNode node)
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
        return new TurnInput { Action = action, Text = action.Action == CardActionValue.Ask ? Clean(action.Question) : "" };
    }

    /// <summary>
    /// Control characters (escape sequences, NULs) and line/paragraph separators (U+2028, U+2029)
    /// become spaces; invisible format characters (Unicode category Cf: bidi overrides and isolates
    /// U+202A–U+202E, U+2066–U+2069, zero-width U+200B–U+200D, the BOM, soft hyphens, tag
    /// characters) are removed, so what is checked, logged and stored for curators is what is seen;
    /// an unpaired surrogate becomes U+FFFD. The rest is trimmed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Format:
                    continue;
                case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    result.Append(' ');
                    break;
                case UnicodeCategory.Control when rune.Value is not ('\n' or '\t'):
                    result.Append(' ');
                    break;
                default:
                    result.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                    break;
            }
        }
        return result.ToString().Trim();
    }
}
