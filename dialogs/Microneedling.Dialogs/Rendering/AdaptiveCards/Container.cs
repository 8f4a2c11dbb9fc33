namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>A group of elements, optionally on a coloured background (<see cref="ContainerStyle"/>).</summary>
public sealed class Container : CardElement
{
    public Container(params IEnumerable<CardElement> items) => Items = [.. items];

    public List<CardElement> Items { get; }

    public ContainerStyle? Style { get; init; }

    /// <summary>Lets the background reach the card's edges, so a style reads as a banner.</summary>
    public bool? Bleed { get; init; }
}

/// <summary>A container's background: the host's semantic colours.</summary>
public enum ContainerStyle
{
    Default,
    Emphasis,
    Good,
    Attention,
    Warning,
    Accent,
}
