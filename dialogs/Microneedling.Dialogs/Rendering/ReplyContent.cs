using Microneedling.Dialogs.Rendering.AdaptiveCards;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// One reply before addressing: the Markdown for text channels, what to speak, and, where the
/// channel renders cards, the card plus the short plain line sent as its <c>text</c>.
/// </summary>
internal sealed record ReplyContent(string Markdown, string Speak)
{
    public AdaptiveCard? Card { get; init; }

    /// <summary>The plain <c>text</c> next to a card (a one-line summary, so Web Chat does not repeat the card).</summary>
    public string? Summary { get; init; }

    public IReadOnlyList<Suggestion> Suggestions { get; init; } = [];

    /// <summary>Keep the summary as <c>text</c> beside the card on every channel (red flags: the advice must show even where the card does not).</summary>
    public bool AlwaysShowSummary { get; init; }
}
