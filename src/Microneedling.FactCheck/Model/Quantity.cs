namespace Microneedling.FactCheck;

/// <summary>
/// A number read from a message, normalised to its kind's unit (mm, times a week, weeks, days).
/// A range ("3-5 times a week") has <see cref="Max"/> above <see cref="Min"/>.
/// </summary>
public sealed record Quantity(QuantityKind Kind, double Min, double Max, string Text)
{
    public bool IsRange => Max > Min;

    /// <summary>The value that matters for safety: the top of a range.</summary>
    public double Worst => Max;

    public override string ToString() => IsRange
        ? $"{Kind.ToName()} {QuantityRule.FormatValue(Min)}-{QuantityRule.FormatValue(Max)} {Kind.Unit()} (\"{Text}\")"
        : $"{Kind.ToName()} {QuantityRule.FormatValue(Min)} {Kind.Unit()} (\"{Text}\")";
}
