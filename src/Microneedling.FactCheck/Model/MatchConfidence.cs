namespace Microneedling.FactCheck;

/// <summary>How sure the matcher is about its best claim; dialogs ask "did you mean" when it is Medium.</summary>
public enum MatchConfidence
{
    /// <summary>Nothing in the claim set fits: abstain.</summary>
    None,

    /// <summary>A plausible claim, but weak or close to another: confirm with the person.</summary>
    Medium,

    /// <summary>A clear match.</summary>
    High,
}
