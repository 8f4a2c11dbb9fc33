namespace Microneedling.FactCheck;

/// <summary>
/// What a claim says about one kind of number: the safe range and the sentences for a value
/// inside or outside it. "{value}" in a sentence is replaced by the number the person gave.
/// </summary>
public sealed record QuantityRule(
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
        return text?.Replace("{value}", FormatValue(value), StringComparison.Ordinal);
    }

    /// <summary>True when the value lies outside the safe range.</summary>
    public bool IsOutOfRange(double value) => value > SafeMax || value < SafeMin;

    internal static string FormatValue(double value) =>
        value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
