using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The claims suggested in the welcome, help and not-found replies: the configured ones, topped up
/// from the claim set, keeping only those whose suggested question the engine answers with that
/// claim outright, so tapping a suggestion never leads to "did you mean". Chosen once, at start-up.
/// </summary>
public sealed class SuggestedClaims(FactChecker engine, DialogOptions options)
{
    private const int SuggestedCount = 4;

    public IReadOnlyList<Claim> All { get; } = Pick(engine, options);

    private static List<Claim> Pick(FactChecker engine, DialogOptions options) =>
        options.SuggestedClaimIdsOrDefault.Select(engine.Claims.Find).OfType<Claim>()
            .Concat(engine.Claims.All)
            .DistinctBy(c => c.Id)
            .Where(c => AnsweredOutright(engine, c))
            .Take(SuggestedCount)
            .ToList();

    private static bool AnsweredOutright(FactChecker engine, Claim claim)
    {
        var result = engine.Check(QuestionText.For(claim));
        return result.Confidence == MatchConfidence.High && !result.Triage.IsRedFlag && result.Matches[0].Claim.Id == claim.Id;
    }
}
