using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Tests.Rendering;

/// <summary>The real claim set and engine, loaded once for all rendering tests.</summary>
public sealed class ClaimsFixture
{
    public FactChecker Checker { get; } = FactChecker.Load();

    public ClaimSet Claims => Checker.Claims;

    public Claim Claim(string id) => Claims.Find(id) ?? throw new InvalidOperationException($"No claim '{id}' in the content.");

    /// <summary>A match as the engine makes it, without quantity notes.</summary>
    public static ClaimMatch MatchOf(Claim claim) =>
        new(claim, 1.0, [], new MatchExplanation([], [], 1.0, 0, 0));

    /// <summary>The related claims the way the dialogs resolve them.</summary>
    public IReadOnlyList<Claim> RelatedOf(Claim claim) => [.. claim.Related.Select(Claims.Find).OfType<Claim>()];
}

[CollectionDefinition(Name)]
public sealed class RenderingCollection : ICollectionFixture<ClaimsFixture>
{
    public const string Name = "Rendering";
}
