namespace Microneedling.FactCheck;

/// <summary>A published source behind a claim's verdict.</summary>
public sealed record Source(string Title, string Publisher, int Year, Uri Url);
