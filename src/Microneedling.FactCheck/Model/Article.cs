namespace Microneedling.FactCheck;

/// <summary>
/// A published text the claims were taken from (content/articles.yaml). Public fact-check pages name
/// it as the place a claim appeared (schema.org <c>Claim.appearance</c>).
/// </summary>
/// <param name="Headline">The article's title, as published.</param>
/// <param name="Author">Who wrote it (optional).</param>
/// <param name="Url">Where it is published, when known (optional: an inline description is enough for schema.org).</param>
/// <param name="ClaimIds">The claims it makes.</param>
public sealed record Article(string Headline, string? Author, Uri? Url, IReadOnlyList<string> ClaimIds);
