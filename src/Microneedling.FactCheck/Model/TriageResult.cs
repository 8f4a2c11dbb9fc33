namespace Microneedling.FactCheck;

/// <summary>
/// Red-flag triage of one message, independent of claim matching.
/// <see cref="Signs"/> names what was recognised ("trouble breathing"); <see cref="Advice"/> is what to do now.
/// </summary>
public sealed record TriageResult(ReferralLevel Level, IReadOnlyList<string> Signs, string? Advice)
{
    public static readonly TriageResult Clear = new(ReferralLevel.None, [], null);

    public bool IsRedFlag => Level >= ReferralLevel.Urgent;
}
