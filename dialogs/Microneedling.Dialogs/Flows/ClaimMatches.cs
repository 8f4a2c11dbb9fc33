using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Flows;

/// <summary>Matches made by the flows rather than the engine (a claim picked by button).</summary>
internal static class ClaimMatches
{
    /// <summary>A claim answered because the person picked it: no score, no quantity notes.</summary>
    public static ClaimMatch Bare(Claim claim) => new(claim, 0, [], new MatchExplanation([], [], 0, 0, 0));
}
