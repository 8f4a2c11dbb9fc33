using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// An element of an Adaptive Card body. The "type" name is written by System.Text.Json from the
/// derived type, so a card can only contain the element types registered here — all of them in
/// Adaptive Cards 1.5, which is the newest version Teams renders for bots.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
public abstract class CardElement
{
    /// <summary>Needed when an action shows or hides the element (Action.ToggleVisibility).</summary>
    public string? Id { get; init; }

    /// <summary>Null means visible (the schema default); false hides it until toggled.</summary>
    public bool? IsVisible { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? Separator { get; init; }
}

/// <summary>Space above an element, as the host config defines it.</summary>
public enum Spacing
{
    None,
    Small,
    Default,
    Medium,
    Large,
    ExtraLarge,
}
