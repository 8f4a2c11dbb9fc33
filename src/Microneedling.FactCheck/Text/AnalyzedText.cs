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
    string CorrectedText);
