namespace Microneedling.FactCheck;

/// <summary>
/// The engine's answer to one message. <see cref="Matches"/> are the claims asked about, best
/// first (empty when the engine abstains); <see cref="Candidates"/> are the best-scoring claims
/// even below the answer threshold, for "did you mean". <see cref="Referral"/> is the higher of the
/// triage level and the matched claims' referral levels.
/// </summary>
public sealed record FactCheckResult(
    IReadOnlyList<ClaimMatch> Matches,
    IReadOnlyList<ClaimMatch> Candidates,
    MatchConfidence Confidence,
    TriageResult Triage,
    IReadOnlyList<Quantity> Quantities)
{
    public bool Abstained => Matches.Count == 0;

    /// <summary>Spelling corrections applied to the message ("dermarollr -> dermaroller"), for explanations.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];

    /// <summary>
    /// The calibrated probability that the best claim is what was asked (the semantic matcher's decision
    /// model; 0 when matching is lexical only or nothing was found).
    /// </summary>
    public double Certainty { get; init; }

    /// <remarks>
    /// Care today or emergency services are for something happening now, which triage recognises; a
    /// claim's own urgent level ("already shared a roller: get care today") counts only when triage found
    /// it, so a question about the risk ("can I share my roller?") is answered at dermatologist level,
    /// with the claim's wording saying what to do if it already happened.
    /// </remarks>
    public ReferralLevel Referral =>
        Matches.Aggregate(Triage.Level, (level, m) => ReferralLevelNames.Max(level,
            Triage.IsRedFlag || m.Claim.Referral.Level < ReferralLevel.Urgent ? m.Claim.Referral.Level : ReferralLevel.Dermatologist));
}
