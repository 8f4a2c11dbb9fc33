using System.Text.Json.Nodes;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The conversation state the flows keep, over the JSON object <c>BotState</c> loads and saves with
/// its ETag: the dialog stack, the claims of the last answer (for "sources") and a turn count.
/// No message text is kept here except a did-you-mean question while its prompt waits.
/// </summary>
public sealed class ConversationData(JsonObject state)
{
    /// <summary>The dialog stack (created empty when absent or unreadable).</summary>
    public JsonArray DialogStack
    {
        get
        {
            if (state["dialogStack"] is JsonArray stack) return stack;
            stack = [];
            state["dialogStack"] = stack;
            return stack;
        }
    }

    /// <summary>The ids of the claims answered last, best first.</summary>
    public IReadOnlyList<string> LastClaimIds
    {
        get => state["lastClaims"] is JsonArray ids
            ? ids.Select(id => id is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
        set => state["lastClaims"] = new JsonArray([.. value.Select(id => (JsonNode)id)]);
    }

    /// <summary>Counts this turn (also makes every turn a state write, which the ETag then guards).</summary>
    public void CountTurn() => state["turns"] = ((state["turns"] as JsonValue)?.TryGetValue<int>(out var n) == true ? n : 0) + 1;
}
