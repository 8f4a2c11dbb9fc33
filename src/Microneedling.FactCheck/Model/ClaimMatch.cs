namespace Microneedling.FactCheck;

/// <summary>A claim the message asks about, with a score in [0, 1] and the reasons for it.</summary>
public sealed record ClaimMatch(
    Claim Claim,
    double Score,
    IReadOnlyList<QuantityNote> QuantityNotes,
    MatchExplanation Explanation);

/// <summary>Why a claim matched, for curators (<c>check --explain</c>).</summary>
public sealed record MatchExplanation(
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<string> Quantities,
    double TextScore,
    double QuantityBoost,
    double RawScore);
