namespace Microneedling.FactCheck;

/// <summary>
/// What a claim says about one kind of number: the safe range and the sentences for a value
/// inside or outside it. "{value}" in a sentence is replaced by the number the person gave.
/// </summary>
public sealed partial record QuantityRule(
    QuantityKind Kind,
    double? SafeMin,
    double? SafeMax,
    string Within,
    string Above,
    string? Below)
{
    /// <summary>The sentence for <paramref name="value"/>, or null when the rule has none for that side.</summary>
    public string? Describe(double value)
    {
        var text = value > SafeMax ? Above : value < SafeMin ? Below : Within;
        return text is null ? null : Singular().Replace(text.Replace("{value}", FormatValue(value), StringComparison.Ordinal), SingularReplacement);
    }

    // "{value} times a week" with 1 or 2 reads "once"/"twice a week"; "{value} weeks/days" with 1 drops the "s".
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:(?<n>1|2) times\b|1 (?<unit>week|day|month)s\b)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Singular();

    private static string SingularReplacement(System.Text.RegularExpressions.Match match) =>
        match.Groups["unit"].Success ? "1 " + match.Groups["unit"].Value
        : match.Groups["n"].Value == "1" ? "once" : "twice";

    /// <summary>True when the value lies outside the safe range.</summary>
    public bool IsOutOfRange(double value) => value > SafeMax || value < SafeMin;

    internal static string FormatValue(double value) =>
        value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
