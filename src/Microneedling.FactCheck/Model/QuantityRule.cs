using Microneedling.FactCheck.Quantities;

namespace Microneedling.FactCheck;

/// <summary>
/// What a claim says about one kind of number: the safe range and the sentences for a value inside
/// or outside it. "{value}" in a sentence is replaced by the number the person gave, with its unit,
/// the way a person says it (<see cref="QuantityWording"/>: "0.5 mm", "once a month", "every other
/// day", "2 weeks", "10 days").
/// </summary>
/// <remarks>
/// The bands, from low to high: <see cref="Below"/> under <see cref="SafeMin"/> (out of range);
/// <see cref="Within"/>; <see cref="AboveUsual"/> over <see cref="UsualMax"/> (still in range: a long
/// gap between sessions is not unsafe); <see cref="Above"/> over <see cref="SafeMax"/> (out of range);
/// <see cref="FarAbove"/> over <see cref="FarMax"/> (out of range, said instead of Above).
/// </remarks>
public sealed record QuantityRule(
    QuantityKind Kind,
    double? SafeMin,
    double? SafeMax,
    string Within,
    string Above,
    string? Below)
{
    /// <summary>In-range values above this get <see cref="AboveUsual"/> instead of <see cref="Within"/>.</summary>
    public double? UsualMax { get; init; }

    public string? AboveUsual { get; init; }

    /// <summary>Values above this (itself above <see cref="SafeMax"/>) get <see cref="FarAbove"/> instead of <see cref="Above"/>.</summary>
    public double? FarMax { get; init; }

    public string? FarAbove { get; init; }

    /// <summary>The sentence for <paramref name="value"/>, or null when the rule has none for that side.</summary>
    public string? Describe(double value)
    {
        var text = TextFor(value);
        return text is null ? null : Sentence(text.Replace("{value}", QuantityWording.Amount(Kind, value), StringComparison.Ordinal));
    }

    /// <summary>The sentence template (with "{value}") that applies to <paramref name="value"/>.</summary>
    public string? TextFor(double value)
    {
        if (value < SafeMin) return Below;
        if (value > FarMax && FarAbove is not null) return FarAbove;
        if (value > SafeMax) return Above;
        if (value > UsualMax && AboveUsual is not null) return AboveUsual;
        return Within;
    }

    /// <summary>True when the value lies outside the safe range.</summary>
    public bool IsOutOfRange(double value) => value > SafeMax || value < SafeMin;

    /// <summary>Every threshold of the rule, low to high (for tools and tests).</summary>
    public IEnumerable<double> Thresholds() =>
        new[] { SafeMin, UsualMax, SafeMax, FarMax }.OfType<double>();

    internal static string FormatValue(double value) => QuantityWording.Number(value);

    // "{value}" opens many sentences: "once a month is ..." starts with a capital.
    private static string Sentence(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
