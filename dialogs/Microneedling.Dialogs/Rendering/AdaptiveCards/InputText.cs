namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// A text box. Its value is sent with the card's buttons: Action.Submit and Action.Execute merge
/// every input into the button's data object under the input's <see cref="CardElement.Id"/>.
/// </summary>
public sealed class InputText : CardElement
{
    public string? Label { get; init; }

    public string? Placeholder { get; init; }

    public int? MaxLength { get; init; }

    public bool? IsMultiline { get; init; }
}
