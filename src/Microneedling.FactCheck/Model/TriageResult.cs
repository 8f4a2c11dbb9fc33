namespace Microneedling.FactCheck;

/// <summary>
/// Red-flag triage of one message, independent of claim matching.
/// <see cref="Signs"/> names what was recognised ("trouble breathing"); <see cref="Advice"/> is what to do now.
/// </summary>
public sealed record TriageResult(ReferralLevel Level, IReadOnlyList<string> Signs, string? Advice)
{
    public static readonly TriageResult Clear = new(ReferralLevel.None, [], null);

    public bool IsRedFlag => Level >= ReferralLevel.Urgent;

    /// <summary>
    /// A sign the message asks about as a risk ("can numbing cream cause seizures?") rather than
    /// describes: no alarm, but <see cref="ConditionalAdvice"/> comes first ("If this is happening to you
    /// now, ..."). None when nothing was asked about or a sign was described.
    /// </summary>
    public ReferralLevel Conditional { get; init; }

    /// <summary>The calibrated triage models' probabilities that this is an emergency / urgent (null without them), for explanations.</summary>
    public (double Emergency, double Urgent)? Probabilities { get; init; }

    /// <summary>What to do if the sign asked about is happening now (with <see cref="Conditional"/>).</summary>
    public string? ConditionalAdvice { get; init; }
}
