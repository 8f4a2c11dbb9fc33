namespace Microneedling.FactCheck.Text;

/// <summary>
/// A text after analysis: the index terms (concepts, stems and quantity markers, stopwords removed),
/// whether it names the topic (an anchor concept) or another topic, what was corrected, and the
/// normalised text with the corrections applied (punctuation kept) for red-flag triage.
/// </summary>
public sealed record AnalyzedText(
    IReadOnlyList<string> Terms,
    bool HasAnchor,
    bool HasOffTopic,
    IReadOnlyList<string> Corrections,
    IReadOnlyList<Quantity> Quantities,
    string CorrectedText)
{
    /// <summary>
    /// Whether the text points at the treatment even without naming it (an anchor does too):
    /// "does it hurt", "after my session", "is 1 mm ok". Without an anchor or context, the matcher abstains.
    /// </summary>
    public bool HasContext { get; init; } = true;
}
