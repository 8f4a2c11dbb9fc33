namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>Buttons placed inside the body, next to what they act on (card-level actions sit at the bottom).</summary>
public sealed class ActionSet : CardElement
{
    public ActionSet(params IEnumerable<AdaptiveAction> actions) => Actions = [.. actions];

    public List<AdaptiveAction> Actions { get; }
}
