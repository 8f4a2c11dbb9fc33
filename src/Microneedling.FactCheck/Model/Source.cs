namespace Microneedling.FactCheck;

/// <summary>
/// A published source behind a claim. <see cref="Id"/> is the evidence file's code for it (an
/// S-number such as S11, or the detail file's code such as Chu2021); <see cref="Supports"/> names the
/// claim fields written from it (<see cref="SourceSupport"/>), so a curator can trace every sentence
/// the bot says to the documents behind it.
/// </summary>
public sealed record Source(string Title, string Publisher, int Year, Uri Url)
{
    /// <summary>The evidence file's code for this source (optional).</summary>
    public string? Id { get; init; }

    /// <summary>The claim fields this source backs: answer, guidance, referral, quantities. Empty: further reading.</summary>
    public IReadOnlyList<string> Supports { get; init; } = [];

    /// <summary>True when this source backs <paramref name="field"/> (one of <see cref="SourceSupport.Fields"/>).</summary>
    public bool Backs(string field) => Supports.Contains(field, StringComparer.Ordinal);
}

/// <summary>The claim fields a source can back, as written in a source's <c>supports</c> list.</summary>
public static class SourceSupport
{
    public const string Answer = "answer";
    public const string Guidance = "guidance";
    public const string Referral = "referral";
    public const string Quantities = "quantities";

    /// <summary>Every name a <c>supports</c> list may use.</summary>
    public static readonly IReadOnlyList<string> Fields = [Answer, Guidance, Referral, Quantities];
}
