using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>
/// Asks the person to pick one of a few choices and waits, as Bot Builder's ChoicePrompt. A button
/// press (its value), the option's number or its title (with a small typo) picks it; anything else
/// re-asks, at most <c>maxReprompts</c> times, after which the prompt ends with a null result so the
/// caller can give up politely. Begin options: <c>{"choices": [Choice...]}</c>; result: the picked
/// choice's value.
/// </summary>
public sealed class ChoicePrompt(
    string id,
    Func<DialogContext, IReadOnlyList<Choice>, Activity> prompt,
    Func<DialogContext, IReadOnlyList<Choice>, Activity> reprompt,
    int maxReprompts) : Dialog(id)
{
    public static JsonObject Options(IEnumerable<Choice> choices) =>
        new() { ["choices"] = JsonSerializer.SerializeToNode(choices.ToList()) };

    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var choices = ReadChoices(options?["choices"]);
        if (choices.Count == 0) throw new ArgumentException("A choice prompt needs at least one choice.", nameof(options));
        dc.State["choices"] = options!["choices"]!.DeepClone();
        dc.State["reprompts"] = 0;
        await dc.Context.SendActivityAsync(prompt(dc, choices), cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var choices = ReadChoices(dc.State["choices"]);
        if (choices.Count == 0) return dc.DropUnusableStack();
        var picked = choices.FirstOrDefault(c => c.Value == dc.Input.ButtonValue)
                     ?? ChoiceRecognizer.Recognize(dc.Input.Text, choices);
        if (picked is not null) return await dc.EndDialogAsync(JsonValue.Create(picked.Value), cancellationToken).ConfigureAwait(false);

        var reprompts = (int?)dc.State["reprompts"] ?? 0;
        if (reprompts >= maxReprompts) return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        dc.State["reprompts"] = reprompts + 1;
        await dc.Context.SendActivityAsync(reprompt(dc, choices), cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    private static List<Choice> ReadChoices(JsonNode? node)
    {
        try
        {
            return node?.Deserialize<List<Choice>>() ?? [];
        }
        catch (JsonException)
        {
            // Stored state we cannot read (another version's) counts as no choices: the stack is dropped.
            return [];
        }
    }
}
