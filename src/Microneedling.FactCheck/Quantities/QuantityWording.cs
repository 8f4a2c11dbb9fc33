using System.Globalization;

namespace Microneedling.FactCheck.Quantities;

/// <summary>
/// Writes a quantity the way a person would say it, for the "{value}" of a claim's quantity
/// sentences: 0.25 → "0.25 mm"; a frequency of 0.23 a week → "once a month", 3.5 → "every other day",
/// 14 → "twice a day"; an interval of 4.35 weeks → "1 month"; a duration of 14 days → "2 weeks".
/// Values are stored in one unit per kind (mm, times a week, weeks, days), so "once a month" arrives
/// as 0.2299 times a week and must not be written back as that.
/// </summary>
public static class QuantityWording
{
    public const double WeeksPerMonth = 30.44 / 7;
    private const double WeeksPerYear = 365.25 / 7;
    private const double Tolerance = 0.01;

    /// <summary>The value with its unit, in words where words read better than a decimal.</summary>
    public static string Amount(QuantityKind kind, double value) => kind switch
    {
        QuantityKind.NeedleLength => Number(value) + " mm",
        QuantityKind.Frequency => Frequency(value),
        QuantityKind.Interval => Interval(value),
        QuantityKind.Duration or QuantityKind.ReactionDuration => Duration(value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A frequency given in times a week: "once a month", "3 times a month", "twice a week", "every 3 days", "every day".</summary>
    public static string Frequency(double perWeek)
    {
        if (!double.IsFinite(perWeek) || perWeek <= 0) return "never";
        if (Multiple(perWeek, 7, out var perDay)) return Count(perDay, "a day", one: "every day");
        if (perWeek > 7) return "about " + Count(Math.Max(1, (int)Math.Round(perWeek / 7, MidpointRounding.AwayFromZero)), "a day", one: "every day");
        if (Multiple(7 / perWeek, 1, out var everyDays) && everyDays is >= 2 and <= 6)
            return everyDays == 2 ? "every other day" : $"every {everyDays} days";
        if (Multiple(perWeek, 1, out var times)) return Count(times, "a week");
        if (Multiple(perWeek * WeeksPerMonth, 1, out var perMonth)) return Count(perMonth, "a month");
        if (Multiple(1 / perWeek, 1, out var everyWeeks) && everyWeeks is >= 2 and <= 8) return $"once every {everyWeeks} weeks";
        if (Multiple(1 / perWeek, WeeksPerMonth, out var everyMonths) && everyMonths is >= 2 and <= 11) return $"once every {everyMonths} months";
        if (Multiple(1 / perWeek, WeeksPerYear, out var everyYears)) return everyYears == 1 ? "once a year" : $"once every {everyYears} years";
        // Nothing a person would say exactly: round half up, so the sentence never makes it sound rarer than it is.
        if (perWeek >= 1) return "about " + Count((int)Math.Round(perWeek, MidpointRounding.AwayFromZero), "a week");
        var monthly = perWeek * WeeksPerMonth;
        if (monthly >= 1) return "about " + Count((int)Math.Round(monthly, MidpointRounding.AwayFromZero), "a month");
        return "less than once a month";
    }

    /// <summary>A gap given in weeks: "10 days", "1 week", "6 weeks", "1 month", "6 months", "1 year".</summary>
    public static string Interval(double weeks)
    {
        if (!double.IsFinite(weeks) || weeks <= 0) return "no time";
        if (Multiple(weeks, WeeksPerYear, out var years)) return Unit(years, "year");
        if (Multiple(weeks, WeeksPerMonth, out var months)) return Unit(months, "month");
        if (Multiple(weeks, 1, out var whole)) return Unit(whole, "week");
        if (Multiple(weeks * 7, 1, out var days)) return Unit(days, "day");
        return weeks < 1 ? "about " + Unit(Math.Max(1, (int)Math.Round(weeks * 7)), "day") : "about " + Unit((int)Math.Round(weeks), "week");
    }

    /// <summary>A span given in days: "12 hours", "3 days", "2 weeks", "1 month", "6 months", "1 year".</summary>
    public static string Duration(double days)
    {
        if (!double.IsFinite(days) || days <= 0) return "no time";
        if (days < 1)
            return Multiple(days * 24, 1, out var hours) ? Unit(hours, "hour") : "about " + Unit(Math.Max(1, (int)Math.Round(days * 24)), "hour");
        if (Multiple(days, 365.25, out var years)) return Unit(years, "year");
        if (Multiple(days, 30.44, out var months)) return Unit(months, "month");
        if (Multiple(days, 7, out var weeks) && weeks >= 2) return Unit(weeks, "week");
        if (Multiple(days, 1, out var whole)) return Unit(whole, "day");
        return "about " + Unit((int)Math.Round(days), "day");
    }

    /// <summary>A plain number with at most two decimals ("0.25", "1.5", "2").</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="value"/> is a whole number n ≥ 1 of <paramref name="unit"/>, within 1% of the unit.</summary>
    private static bool Multiple(double value, double unit, out int n)
    {
        var count = Math.Round(value / unit);
        n = count is >= 1 and <= 100_000 ? (int)count : 0;
        return n >= 1 && Math.Abs(value - (n * unit)) <= Tolerance * unit;
    }

    private static string Count(int n, string period, string? one = null) => n switch
    {
        1 => one ?? "once " + period,
        2 => "twice " + period,
        _ => $"{n} times {period}",
    };

    private static string Unit(int n, string unit) => n == 1 ? "1 " + unit : $"{n} {unit}s";
}
