namespace Microneedling.FactCheck;

/// <summary>One curated, sourced claim, as loaded from its YAML file.</summary>
public sealed class Claim
{
    /// <summary>Stable id (never renamed; it appears in entities, analytics and eval files).</summary>
    public required string Id { get; init; }

    /// <summary>The claim as people say it.</summary>
    public required string Statement { get; init; }

    public required Verdict Verdict { get; init; }

    /// <summary>One plain-language paragraph: the corrected answer.</summary>
    public required string Answer { get; init; }

    /// <summary>The fuller "why" guidance.</summary>
    public required string Guidance { get; init; }

    public required IReadOnlyList<Source> Sources { get; init; }

    public required Referral Referral { get; init; }

    /// <summary>Example phrasings people use; the matcher indexes them.</summary>
    public required IReadOnlyList<string> Phrasings { get; init; }

    /// <summary>Extra index terms a curator wants matched (brand names, jargon). Optional.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public required IReadOnlyList<string> Related { get; init; }

    public required DateOnly LastReviewed { get; init; }

    /// <summary>What the claim says about numbers people give (needle length, frequency...). Optional.</summary>
    public IReadOnlyList<QuantityRule> Quantities { get; init; } = [];

    /// <summary>The YAML file the claim came from, for error messages and curator tools.</summary>
    public string SourceFile { get; init; } = "";

    public override string ToString() => Id;
}
