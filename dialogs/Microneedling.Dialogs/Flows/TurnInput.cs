using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// What the person sent this turn, read once: the typed text (bot mention and control characters
/// removed), or the button they pressed, or why a button value could not be read.
/// </summary>
public sealed record TurnInput
{
    /// <summary>The value a "None of these" choice carries.</summary>
    public const string NoneValue = "none";

    /// <summary>The text to act on: what was typed, or the question an "ask" button carries.</summary>
    public string Text { get; init; } = "";

    /// <summary>The button pressed, when the message came from a card or a suggested action.</summary>
    public CardActionValue? Action { get; init; }

    /// <summary>Set when a button value arrived but could not be used (not an object, unknown action...).</summary>
    public string? Problem { get; init; }

    /// <summary>What a prompt compares with its choices' values: the claim id of a "pick", or <see cref="NoneValue"/>.</summary>
    public string? ButtonValue => Action?.Action switch
    {
        CardActionValue.Pick => Action.ClaimId,
        CardActionValue.NoneOfThese => NoneValue,
        _ => null,
    };

    /// <summary>True when the turn is a question to check (typed, or an "ask" button).</summary>
    public bool IsQuestion => Problem is null && (Action is null || Action.Action == CardActionValue.Ask);
}
