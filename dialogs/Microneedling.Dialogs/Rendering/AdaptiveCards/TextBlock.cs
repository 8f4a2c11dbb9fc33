namespace Microneedling.Dialogs.Rendering.AdaptiveCards;

/// <summary>
/// A paragraph of text. Adaptive Cards render a Markdown subset here (bold, italic, links, lists),
/// so text from content that is not meant as Markdown should go through MarkdownText.Escape.
/// </summary>
public sealed class TextBlock : CardElement
{
    public TextBlock(string text) => Text = text;

    public string Text { get; }

    /// <summary>Long sentences must wrap; the schema default (false) cuts them at one line.</summary>
    public bool? Wrap { get; init; } = true;

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    /// <summary>"heading" marks the block as a heading for screen readers (Adaptive Cards 1.5).</summary>
    public string? Style { get; init; }
}

/// <summary>Font size, relative to the host's default.</summary>
public enum TextSize
{
    Small,
    Default,
    Medium,
    Large,
    ExtraLarge,
}

/// <summary>Font weight.</summary>
public enum TextWeight
{
    Lighter,
    Default,
    Bolder,
}

/// <summary>Semantic colours; the host maps them to its theme (red, amber, green, blue in most).</summary>
public enum TextColor
{
    Default,
    Dark,
    Light,
    Accent,
    Good,
    Warning,
    Attention,
}
