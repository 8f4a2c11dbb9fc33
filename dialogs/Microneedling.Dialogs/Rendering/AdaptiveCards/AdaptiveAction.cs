using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// A button on an Adaptive Card. As with <see cref="CardElement"/>, the "type" name comes from the
/// derived type, and only Adaptive Cards 1.5 action types exist.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract class AdaptiveAction
{
    protected AdaptiveAction(string title) => Title = title;

    public string Title { get; }
}

/// <summary>Opens a web page. Only https links are put on cards (Teams rejects others on some clients).</summary>
public sealed class OpenUrlAction : AdaptiveAction
{
    public OpenUrlAction(string title, Uri url) : base(title) => Url = url;

    public Uri Url { get; }
}

/// <summary>
/// Sends <see cref="Data"/> back as the <c>value</c> of a message activity (Web Chat, Direct Line,
/// Emulator; Web Chat does not support Action.Execute).
/// </summary>
public sealed class SubmitAction : AdaptiveAction
{
    public SubmitAction(string title, CardActionValue data) : base(title) => Data = data;

    public CardActionValue Data { get; }
}

/// <summary>
/// Universal Action (Adaptive Cards 1.4+): Teams sends an <c>adaptiveCard/action</c> invoke whose
/// <c>value.action</c> holds <see cref="Verb"/> and <see cref="Data"/>.
/// </summary>
public sealed class ExecuteAction : AdaptiveAction
{
    public ExecuteAction(string title, CardActionValue data) : this(title, data.Action, data)
    {
    }

    /// <summary>A button whose verb is not the data's action (the live-card verbs the bot answers with a card).</summary>
    public ExecuteAction(string title, string verb, CardActionValue data) : base(title)
    {
        Verb = verb;
        Data = data;
    }

    public string Verb { get; }

    public CardActionValue Data { get; }
}

/// <summary>Shows or hides elements by id, without a round trip to the bot (the "Why" section).</summary>
public sealed class ToggleVisibilityAction : AdaptiveAction
{
    public ToggleVisibilityAction(string title, params IEnumerable<string> targetElements) : base(title) =>
        TargetElements = [.. targetElements];

    public List<string> TargetElements { get; }
}

/// <summary>
/// Shows a card under its button, without a round trip to the bot (the "Why" section). Preferred to
/// Action.ToggleVisibility: Web Chat handles a shown card itself, while a toggle also reaches its
/// action handler, which logs it as an unknown action (two console errors per click).
/// </summary>
public sealed class ShowCardAction : AdaptiveAction
{
    public ShowCardAction(string title, AdaptiveCard card) : base(title) => Card = card;

    public AdaptiveCard Card { get; }
}
