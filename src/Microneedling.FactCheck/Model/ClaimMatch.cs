namespace Microneedling.FactCheck;

/// <summary>A claim the message asks about, with a score in [0, 1] and the reasons for it.</summary>
public sealed record ClaimMatch(
    Claim Claim,
    double Score,
    IReadOnlyList<QuantityNote> QuantityNotes,
    MatchExplanation Explanation);

/// <summary>
/// Why a claim matched, for curators (<c>check --explain</c>): the shared terms, the quantities read,
/// the idf-weighted share of the question the claim covers, the best phrasing overlap, the quantity
/// boost and the plain BM25 score used to break ties.
/// </summary>
public sealed record MatchExplanation(
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<string> Quantities,
    double Coverage,
    double QuantityBoost,
    double Bm25)
{
    public double PhrasingSimilarity { get; init; }

    /// <summary>Cosine similarity of the message to the claim's closest text (0 when matching is lexical only).</summary>
    public double DenseSimilarity { get; init; }

    /// <summary>The calibrated probability that this is the claim asked about (0 when matching is lexical only).</summary>
    public double Probability { get; init; }
}
