using Microneedling.FactCheck.Quantities;

namespace Microneedling.FactCheck.Tests;

/// <summary>How "{value}" is written in quantity sentences: the way people say the number.</summary>
public sealed class QuantityWordingTests
{
    private const double Month = QuantityWording.WeeksPerMonth;

    [Theory]
    [InlineData(1 / Month, "once a month")]
    [InlineData(2 / Month, "twice a month")]
    [InlineData(3 / Month, "3 times a month")]
    [InlineData(10 / Month, "10 times a month")]
    [InlineData(0.5, "once every 2 weeks")]
    [InlineData(0.25, "once every 4 weeks")]
    [InlineData(1 / (2 * Month), "once every 2 months")]
    [InlineData(1, "once a week")]
    [InlineData(2, "twice a week")]
    [InlineData(3, "3 times a week")]
    [InlineData(5, "5 times a week")]
    [InlineData(7 / 3.0, "every 3 days")]
    [InlineData(3.5, "every other day")]
    [InlineData(7, "every day")]
    [InlineData(14, "twice a day")]
    [InlineData(21, "3 times a day")]
    [InlineData(2.5, "about 3 times a week")]
    [InlineData(1.5, "about twice a week")]
    [InlineData(10.5, "about twice a day")]
    public void Frequencies(double perWeek, string expected) =>
        Assert.Equal(expected, QuantityWording.Amount(QuantityKind.Frequency, perWeek));

    [Theory]
    [InlineData(1, "1 week")]
    [InlineData(2, "2 weeks")]
    [InlineData(6, "6 weeks")]
    [InlineData(26, "26 weeks")]
    [InlineData(Month, "1 month")]
    [InlineData(2 * Month, "2 months")]
    [InlineData(6 * Month, "6 months")]
    [InlineData(12 * Month, "1 year")]
    [InlineData(5 / 7.0, "5 days")]
    [InlineData(10 / 7.0, "10 days")]
    public void Intervals(double weeks, string expected) =>
        Assert.Equal(expected, QuantityWording.Amount(QuantityKind.Interval, weeks));

    [Theory]
    [InlineData(0.5, "12 hours")]
    [InlineData(1, "1 day")]
    [InlineData(3, "3 days")]
    [InlineData(7, "7 days")]
    [InlineData(14, "2 weeks")]
    [InlineData(30, "30 days")]
    [InlineData(30.44, "1 month")]
    [InlineData(6 * 30.44, "6 months")]
    [InlineData(365.25, "1 year")]
    public void Durations(double days, string expected) =>
        Assert.Equal(expected, QuantityWording.Amount(QuantityKind.Duration, days));

    [Theory]
    [InlineData(0.25, "0.25 mm")]
    [InlineData(1.5, "1.5 mm")]
    [InlineData(2, "2 mm")]
    [InlineData(0.2307, "0.23 mm")]
    public void Needle_lengths(double mm, string expected) =>
        Assert.Equal(expected, QuantityWording.Amount(QuantityKind.NeedleLength, mm));

    [Theory]
    [InlineData(QuantityKind.Frequency, 0)]
    [InlineData(QuantityKind.Frequency, double.NaN)]
    [InlineData(QuantityKind.Interval, -1)]
    [InlineData(QuantityKind.Duration, double.PositiveInfinity)]
    [InlineData(QuantityKind.Frequency, 1e9)]
    [InlineData(QuantityKind.Interval, 1e-9)]
    public void Odd_values_never_throw_or_print_long_decimals(QuantityKind kind, double value)
    {
        var text = QuantityWording.Amount(kind, value);
        Assert.DoesNotMatch(@"\d\.\d{3,}|E\+|NaN|∞", text);
    }
}
