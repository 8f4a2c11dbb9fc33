namespace Microneedling.Dialogs.Tests;

/// <summary>
/// Questions whose engine outcome the transcripts rely on (checked by <see cref="EngineAssumptionTests"/>,
/// so a content change that moves them fails there first, with a clear message).
/// </summary>
internal static class Questions
{
    /// <summary>High confidence: home-needle-length (verdict False).</summary>
    public const string NeedleLength = "is a 2 mm derma roller ok to use at home?";

    /// <summary>High confidence: home-frequency.</summary>
    public const string Frequency = "how often should I derma roll at home";

    /// <summary>Medium confidence: what microneedling is and when its results show are both plausible.</summary>
    public const string Vague = "microneedling results";

    /// <summary>Out of scope: no claim.</summary>
    public const string Pizza = "what's the best pizza in town";

    /// <summary>An emergency (anaphylaxis signs) plus a claim about numbing cream.</summary>
    public const string EmergencyWithClaim = "my face is swelling fast and I can't breathe after numbing cream, was that cream safe?";
}
