using System.Text.RegularExpressions;
using Microneedling.FactCheck.Quantities;

namespace Microneedling.FactCheck.Tests;

/// <summary>
/// Every shipped claim's quantity rules over a grid of the numbers people give: each sentence must
/// read naturally, and no rule may contradict itself or another claim's rule in a way a test can see.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed partial class QuantityRulesTests(EngineFixture fixture)
{
    private const double Month = QuantityWording.WeeksPerMonth;

    /// <summary>Lengths 0.1–3 mm in 0.05 mm steps, plus the odd ones people type.</summary>
    public static readonly double[] Lengths =
        [.. Enumerable.Range(2, 59).Select(i => Math.Round(i * 0.05, 2)), 0.03, 0.05, 0.1, 0.2, 0.25, 0.3, 0.75, 1.25, 2.25];

    /// <summary>Once a month to twice a day, in times a week.</summary>
    public static readonly double[] Frequencies =
        [1 / Month, 2 / Month, 3 / Month, 4 / Month, 10 / Month, 0.5, 0.25, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7 / 6.0, 7 / 5.0, 7 / 4.0, 7 / 3.0, 3.5, 7, 10.5, 14];

    /// <summary>Gaps of 1–52 weeks, whole months, and a few in days.</summary>
    public static readonly double[] Intervals =
        [.. Enumerable.Range(1, 52).Select(i => (double)i), .. Enumerable.Range(1, 12).Select(m => m * Month), 5 / 7.0, 10 / 7.0, 1.5];

    /// <summary>1–30 days, and a few spans in hours, weeks and months.</summary>
    public static readonly double[] Durations =
        [.. Enumerable.Range(1, 30).Select(i => (double)i), 0.5, 35, 42, 30.44, 60.88, 182.64, 365.25];

    private static double[] Grid(QuantityKind kind) => kind switch
    {
        QuantityKind.NeedleLength => Lengths,
        QuantityKind.Frequency => Frequencies,
        QuantityKind.Interval => Intervals,
        QuantityKind.Duration or QuantityKind.ReactionDuration => Durations,
        _ => [],
    };

    private IEnumerable<(Claim Claim, QuantityRule Rule)> Rules() =>
        fixture.Engine.Claims.All.SelectMany(c => c.Quantities.Select(r => (c, r)));

    private IEnumerable<(Claim Claim, QuantityRule Rule)> Rules(QuantityKind kind) => Rules().Where(x => x.Rule.Kind == kind);

    [Fact]
    public void Every_sentence_over_the_grid_reads_naturally()
    {
        var problems = new List<string>();
        foreach (var (claim, rule) in Rules())
            foreach (var value in Grid(rule.Kind))
            {
                var text = rule.Describe(value);
                if (text is null)
                {
                    problems.Add($"{claim.Id} {rule.Kind.ToName()} {value}: no sentence");
                    continue;
                }
                foreach (var awkward in Awkward().Matches(text).Cast<Match>())
                    problems.Add($"{claim.Id} {rule.Kind.ToName()} {value}: '{awkward.Value}' in \"{text}\"");
                if (!char.IsUpper(text[0]) && !char.IsDigit(text[0]))
                    problems.Add($"{claim.Id} {rule.Kind.ToName()} {value}: does not start a sentence: \"{text}\"");
                if (!text.EndsWith('.'))
                    problems.Add($"{claim.Id} {rule.Kind.ToName()} {value}: no full stop: \"{text}\"");
            }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public void The_grid_covers_every_band_of_every_rule()
    {
        // A band no grid value reaches would never be checked above.
        foreach (var (claim, rule) in Rules())
        {
            var reached = Grid(rule.Kind).Select(rule.TextFor).ToHashSet();
            foreach (var band in new[] { rule.Within, rule.Above, rule.Below, rule.AboveUsual, rule.FarAbove }.OfType<string>())
                Assert.True(reached.Contains(band), $"{claim.Id}: no grid value reaches \"{band}\"");
        }
    }

    [Fact]
    public void A_length_longer_than_the_facial_epidermis_is_never_said_to_stay_in_the_outer_layer()
    {
        // The facial epidermis is about 0.03–0.06 mm thick (Chopra 2015): a note that says a longer
        // needle "stays in the outer layer" contradicts the depth claim's own rule.
        foreach (var (claim, rule) in Rules(QuantityKind.NeedleLength))
            foreach (var mm in Lengths.Where(v => v > 0.06))
                Assert.DoesNotMatch(StaysOnTop(), rule.Describe(mm)!);
    }

    [Fact]
    public void No_frequency_rule_calls_rolling_every_other_day_or_daily_fine()
    {
        foreach (var (claim, rule) in Rules(QuantityKind.Frequency))
            foreach (var perWeek in Frequencies.Where(f => f >= 3.5))
            {
                Assert.True(rule.IsOutOfRange(perWeek), $"{claim.Id}: {QuantityWording.Frequency(perWeek)} is in its safe range");
                Assert.DoesNotMatch(Endorses(), rule.Describe(perWeek)!);
            }
        Assert.NotEmpty(Rules(QuantityKind.Frequency));
    }

    [Fact]
    public void A_frequency_and_the_same_gap_between_sessions_get_the_same_verdict()
    {
        // Once a month is a 1-month gap: a frequency rule that allows it while an interval rule calls
        // the gap too short (or the other way round) would contradict each other in one answer.
        foreach (var (fClaim, f) in Rules(QuantityKind.Frequency))
            foreach (var (iClaim, i) in Rules(QuantityKind.Interval))
                foreach (var perWeek in Frequencies)
                    Assert.True(f.IsOutOfRange(perWeek) == i.IsOutOfRange(1 / perWeek),
                        $"{QuantityWording.Frequency(perWeek)}: {fClaim.Id} says {(f.IsOutOfRange(perWeek) ? "out of range" : "in range")}, "
                        + $"{iClaim.Id} says a gap of {QuantityWording.Interval(1 / perWeek)} is {(i.IsOutOfRange(1 / perWeek) ? "out of range" : "in range")}");
    }

    [Fact]
    public void Every_interval_rule_says_something_different_for_a_long_gap()
    {
        // "26 weeks fits the usual 4–6 weeks" was a finding of the 2026-12-01 review.
        foreach (var (claim, rule) in Rules(QuantityKind.Interval))
        {
            Assert.True(rule.UsualMax is < 26 || rule.SafeMax is < 26, $"{claim.Id}: no upper bound below 26 weeks");
            Assert.NotEqual(rule.TextFor(4), rule.TextFor(26));
            Assert.NotEqual(rule.TextFor(4), rule.TextFor(52));
        }
        Assert.NotEmpty(Rules(QuantityKind.Interval));
    }

    [Fact]
    public void Redness_past_about_a_week_refers_to_a_dermatologist()
    {
        foreach (var (claim, rule) in Rules(QuantityKind.ReactionDuration))
        {
            foreach (var days in Durations.Where(d => d > 7.5))
            {
                Assert.True(rule.IsOutOfRange(days), $"{claim.Id}: {days} days is in range");
                Assert.Contains("dermatologist", rule.Describe(days)!, StringComparison.OrdinalIgnoreCase);
            }
            foreach (var days in Durations.Where(d => d <= 7))
                Assert.False(rule.IsOutOfRange(days), $"{claim.Id}: {days} days is out of range");
        }
        Assert.NotEmpty(Rules(QuantityKind.ReactionDuration));
    }

    [Fact]
    public void Out_of_range_is_one_connected_side_of_each_rule()
    {
        // More often, longer needles, shorter gaps: once a value is out of range, every value further
        // out on that side is too (a rule whose warning switches off again further out contradicts itself).
        foreach (var (claim, rule) in Rules())
        {
            var values = Grid(rule.Kind).Order().ToList();
            var outside = values.Select(rule.IsOutOfRange).ToList();
            if (rule.SafeMax is { } max)
                Assert.All(values.Where(v => v > max), v => Assert.True(rule.IsOutOfRange(v), $"{claim.Id}: {v}"));
            if (rule.SafeMin is { } min)
                Assert.All(values.Where(v => v < min), v => Assert.True(rule.IsOutOfRange(v), $"{claim.Id}: {v}"));
            Assert.All(values.Where(v => (rule.SafeMin is null || v >= rule.SafeMin) && (rule.SafeMax is null || v <= rule.SafeMax)),
                v => Assert.False(rule.IsOutOfRange(v), $"{claim.Id}: {v}"));
            Assert.Contains(false, outside);
        }
    }

    // "1 times", "2 times", "0.23 times", long decimals, "1 weeks", doubled units, a placeholder left over.
    [GeneratedRegex(@"\b[12] times\b|\b0\.\d+ times|\d\.\d{3,}|\b1 (?:weeks|days|months|years|hours)\b|\b(mm|weeks?|days?|months?|times a week) \1\b|\bevery a\b|\ba 1\b|[{}]|\s{2,}|\bNaN\b|about 0(?![.\d])|\b0 (?:weeks?|days?|months?|times)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Awkward();

    [GeneratedRegex(@"\b(?:stays?|staying|only (?:reach|reaches|touch|touches|penetrates?))\b(?:(?!\.).)*\b(?:outer|top|upper|surface)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StaysOnTop();

    [GeneratedRegex(@"\b(?:is fine|is ok|is okay|reasonable|is safe|safe to|recommended)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Endorses();
}
