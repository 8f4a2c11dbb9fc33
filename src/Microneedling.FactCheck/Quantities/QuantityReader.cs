using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microneedling.FactCheck.Text;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;
using Microsoft.Recognizers.Text.NumberWithUnit;

namespace Microneedling.FactCheck.Quantities;

/// <summary>
/// Reads needle lengths, frequencies, intervals and durations from normalised text.
/// Microsoft.Recognizers.Text does the number reading ("three", "half", "1.5") and the length
/// units ("1.5 millimetres", "0.05 cm"); it has no notion of frequencies or ranges ("3-5 times a
/// week", "every 6-8 weeks"), so those are read by the patterns below over the text with every
/// number rewritten as digits. The recognizer models are built once: the first call costs ~100 ms.
/// </summary>
public sealed partial class QuantityReader
{
    private const double DaysPerMonth = 30.44;
    private const double WeeksPerMonth = DaysPerMonth / 7;

    private readonly IModel _numbers;
    private readonly IModel _dimensions;

    public QuantityReader()
    {
        _numbers = new NumberRecognizer(Culture.English).GetNumberModel();
        _dimensions = new NumberWithUnitRecognizer(Culture.English).GetDimensionModel();
        Read("warm up 3 mm three times a week", []);
    }

    /// <summary>Every quantity in the text, in order of appearance, de-duplicated.</summary>
    public IReadOnlyList<Quantity> Read(string normalized, IReadOnlyList<Token> tokens)
    {
        if (normalized.Length == 0 || !HasQuantityHint(normalized, tokens)) return [];
        var found = new List<(int Position, Quantity Quantity)>();
        var taken = new List<(int Start, int End)>();

        // The recognizers cost tens of microseconds a call, most of a check: run them only when the
        // text has a number in words, a fraction or a decimal, and the dimension model only when it
        // also has a length unit. Whole numbers with a unit ("2mm", "1-3 mm") the patterns read alone.
        var numberWords = NumberWords().IsMatch(normalized);
        if (numberWords && LengthUnits().IsMatch(normalized)) ReadLengthsWithRecognizer(normalized, found);
        var text = numberWords ? WithDigits(normalized) : normalized;
        ReadPatterns(text, found, taken);

        // A span of time in a message about a skin reaction is also how long that reaction has lasted.
        if (found.Any(f => f.Quantity.Kind == QuantityKind.Duration) && ReactionWords().IsMatch(text))
            found.AddRange(found.Where(f => f.Quantity.Kind == QuantityKind.Duration).ToList()
                .Select(f => (f.Position, f.Quantity with { Kind = QuantityKind.ReactionDuration })));

        var all = found.OrderBy(f => f.Position).Select(f => f.Quantity).DistinctBy(q => (q.Kind, q.Min, q.Max)).ToList();
        // An end of a range read on its own as well ("1mm - 3mm" also gives "1mm") is dropped.
        return all.Where(q => q.IsRange || !all.Any(r => r.IsRange && r.Kind == q.Kind && r.Min <= q.Min && q.Max <= r.Max)).ToList();
    }

    /// <summary>Skips the recognizers for the many messages with no number and no frequency word.</summary>
    private static bool HasQuantityHint(string normalized, IReadOnlyList<Token> tokens)
    {
        foreach (var t in tokens)
            if (t.IsNumber) return true;
        return HintWords().IsMatch(normalized);
    }

    private void ReadLengthsWithRecognizer(string normalized, List<(int, Quantity)> found)
    {
        foreach (var result in _dimensions.Parse(normalized))
        {
            if (!result.Resolution.TryGetValue("unit", out var unitObj) || !result.Resolution.TryGetValue("value", out var valueObj)) continue;
            if (!double.TryParse(valueObj as string, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var mm = ToMillimetres(value, unitObj as string ?? "");
            if (mm is null) continue;
            var min = mm.Value;
            // A range the recognizer reads only by its upper end ("1 to 3 mm" -> "3 mm").
            var before = normalized[..result.Start];
            var range = RangeStart().Match(before);
            if (range.Success && double.TryParse(range.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var low) && low < value)
            {
                min = ToMillimetres(low, unitObj as string ?? "") ?? min;
                // "1mm - 3mm": the lower end was read on its own just before; the range replaces it.
                found.RemoveAll(f => f.Item2.Kind == QuantityKind.NeedleLength && f.Item1 >= range.Index);
            }
            AddLength(found, result.Start, min, mm.Value, result.Text);
        }
    }

    private static void AddLength(List<(int, Quantity)> found, int position, double min, double max, string text)
    {
        if (min <= 0 || max > 10) return; // not a needle length
        found.Add((position, new Quantity(QuantityKind.NeedleLength, min, max, text)));
    }

    private static double? ToMillimetres(double value, string unit) => unit switch
    {
        "Millimeter" => value,
        "Centimeter" => value * 10,
        "Micrometer" => value / 1000,
        _ => null,
    };

    /// <summary>The text with every number the recognizer finds written as digits ("three" -> "3", "half" -> "0.5").</summary>
    private string WithDigits(string normalized)
    {
        var results = _numbers.Parse(normalized);
        if (results.Count == 0) return normalized;
        var sb = new StringBuilder(normalized.Length);
        var last = 0;
        foreach (var r in results.OrderBy(r => r.Start))
        {
            if (r.Start < last || !r.Resolution.TryGetValue("value", out var v) || v is not string value) continue;
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0) continue;
            sb.Append(normalized, last, r.Start - last);
            // Keep a space on both sides so "1.5mm" and "3x" still split into number and unit.
            sb.Append(' ').Append(number.ToString(CultureInfo.InvariantCulture)).Append(' ');
            last = r.End + 1;
        }
        sb.Append(normalized, last, normalized.Length - last);
        return Spaces().Replace(sb.ToString(), " ");
    }

    private static void ReadPatterns(string text, List<(int, Quantity)> found, List<(int Start, int End)> taken)
    {
        // Order matters: the more specific pattern claims its span first.
        foreach (Match m in CountPerPeriod().Matches(text))
        {
            var (lo, hi) = Range(m.Groups["n"].Value, m.Groups["m"].Value);
            var perWeek = PerWeek(m.Groups["period"].Value);
            Add(found, taken, m, new Quantity(QuantityKind.Frequency, lo * perWeek, hi * perWeek, m.Value.Trim()));
        }
        foreach (Match m in OnceTwicePerPeriod().Matches(text))
        {
            if (Overlaps(taken, m)) continue;
            var lo = Multiplier(m.Groups["a"].Value);
            var hi = m.Groups["b"].Success ? Multiplier(m.Groups["b"].Value) : lo;
            var perWeek = PerWeek(m.Groups["period"].Value);
            Add(found, taken, m, new Quantity(QuantityKind.Frequency, lo * perWeek, Math.Max(lo, hi) * perWeek, m.Value.Trim()));
        }
        foreach (Match m in EveryOtherDay().Matches(text))
            if (!Overlaps(taken, m)) Add(found, taken, m, new Quantity(QuantityKind.Frequency, 3.5, 3.5, m.Value.Trim()));
        foreach (Match m in EveryN().Matches(text))
        {
            if (Overlaps(taken, m)) continue;
            var (lo, hi) = m.Groups["n"].Success ? Range(m.Groups["n"].Value, m.Groups["m"].Value) : (1, 1);
            var unit = m.Groups["unit"].Value;
            if (unit.StartsWith("day", StringComparison.Ordinal) || unit.StartsWith("night", StringComparison.Ordinal))
            {
                // "every 2 days" is a frequency: 3.5 times a week.
                Add(found, taken, m, new Quantity(QuantityKind.Frequency, 7 / hi, 7 / lo, m.Value.Trim()));
                continue;
            }
            var weeks = unit.StartsWith("month", StringComparison.Ordinal) ? WeeksPerMonth : unit.StartsWith("fortnight", StringComparison.Ordinal) ? 2 : 1;
            if (!m.Groups["n"].Success && weeks == 1)
                Add(found, taken, m, new Quantity(QuantityKind.Frequency, 1, 1, m.Value.Trim())); // "every week"
            else
                Add(found, taken, m, new Quantity(QuantityKind.Interval, lo * weeks, hi * weeks, m.Value.Trim()));
        }
        foreach (Match m in Apart().Matches(text))
        {
            if (Overlaps(taken, m)) continue;
            var (lo, hi) = Range(m.Groups["n"].Value, m.Groups["m"].Value);
            var weeks = UnitInDays(m.Groups["unit"].Value) / 7;
            Add(found, taken, m, new Quantity(QuantityKind.Interval, lo * weeks, hi * weeks, m.Value.Trim()));
        }
        foreach (Match m in DailyWord().Matches(text))
            if (!Overlaps(taken, m)) Add(found, taken, m, new Quantity(QuantityKind.Frequency, 7, 7, m.Value.Trim()));
        foreach (Match m in WeeklyWord().Matches(text))
            if (!Overlaps(taken, m)) Add(found, taken, m, new Quantity(QuantityKind.Frequency, 1, 1, m.Value.Trim()));
        foreach (Match m in MonthlyWord().Matches(text))
        {
            var weeks = m.Value.StartsWith('f') ? 2 : WeeksPerMonth;
            if (!Overlaps(taken, m)) Add(found, taken, m, new Quantity(QuantityKind.Interval, weeks, weeks, m.Value.Trim()));
        }
        foreach (Match m in Lengths().Matches(text))
        {
            if (Overlaps(taken, m)) continue;
            var (lo, hi) = Range(m.Groups["n"].Value, m.Groups["m"].Value);
            var factor = m.Groups["unit"].Value switch
            {
                var u when u.StartsWith('c') => 10.0,
                var u when u.StartsWith("micro", StringComparison.Ordinal) || u is "um" or "µm" => 0.001,
                _ => 1.0,
            };
            taken.Add((m.Index, m.Index + m.Length));
            AddLength(found, m.Index, lo * factor, hi * factor, m.Value.Trim());
        }
        foreach (Match m in Durations().Matches(text))
        {
            if (Overlaps(taken, m)) continue;
            var (lo, hi) = Range(m.Groups["n"].Value, m.Groups["m"].Value);
            var days = UnitInDays(m.Groups["unit"].Value);
            Add(found, taken, m, new Quantity(QuantityKind.Duration, lo * days, hi * days, m.Value.Trim()));
        }
    }

    private static void Add(List<(int, Quantity)> found, List<(int Start, int End)> taken, Match m, Quantity q)
    {
        taken.Add((m.Index, m.Index + m.Length));
        if (q.Min < 0 || q.Max > 1000 || double.IsNaN(q.Min) || double.IsInfinity(q.Max)) return;
        found.Add((m.Index, q));
    }

    private static bool Overlaps(List<(int Start, int End)> taken, Match m) =>
        taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length);

    private static (double Lo, double Hi) Range(string n, string m)
    {
        var lo = double.Parse(n, CultureInfo.InvariantCulture);
        var hi = string.IsNullOrEmpty(m) ? lo : double.Parse(m, CultureInfo.InvariantCulture);
        return lo <= hi ? (lo, hi) : (hi, lo);
    }

    private static double PerWeek(string period) => period switch
    {
        var p when p.StartsWith("day", StringComparison.Ordinal) || p.StartsWith("night", StringComparison.Ordinal) || p == "daily" || p == "nightly" => 7,
        var p when p.StartsWith("month", StringComparison.Ordinal) => 1 / WeeksPerMonth,
        var p when p.StartsWith("fortnight", StringComparison.Ordinal) => 0.5,
        _ => 1,
    };

    private static double Multiplier(string word) => word switch
    {
        "once" => 1,
        "twice" => 2,
        "thrice" => 3,
        _ => double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 1,
    };

    private static double UnitInDays(string unit) => unit switch
    {
        var u when u.StartsWith('h') => 1.0 / 24,
        var u when u.StartsWith("day", StringComparison.Ordinal) || u.StartsWith("night", StringComparison.Ordinal) => 1,
        var u when u.StartsWith("week", StringComparison.Ordinal) || u.StartsWith("wk", StringComparison.Ordinal) => 7,
        var u when u.StartsWith("fortnight", StringComparison.Ordinal) => 14,
        var u when u.StartsWith("month", StringComparison.Ordinal) => DaysPerMonth,
        _ => 365.25,
    };

    private const string Num = @"(?<n>\d+(?:\.\d+)?)(?:\s*(?:-|to|or|and)\s*(?<m>\d+(?:\.\d+)?))?";

    [GeneratedRegex(@"\b(?:once|twice|thrice|times|mm|millimet|weekly|daily|nightly|monthly|fortnight|every|a week|a day|per week|per day|half)", RegexOptions.CultureInvariant)]
    private static partial Regex HintWords();

    [GeneratedRegex(@"(?:\d|\b)(?:mm|millimet|milimet|cm|centimet|µm|um|micron|micromet|inch|inches|in)\b|\d\s*(?:mm|cm)", RegexOptions.CultureInvariant)]
    private static partial Regex LengthUnits();

    [GeneratedRegex(@"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|half|halves|quarter|quarters|dozen|couple|few|point|a\s+1)|\.\d|\d\s*[/,]\s*\d", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberWords();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(?:mm|millimet(?:er|re)s?)?\s*(?:-|to|or)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangeStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // Skin reactions whose duration people ask about ("still red after 10 days", "peeling 3 days later").
    [GeneratedRegex(@"\b(?:red|redness|reddish|pink|flushed|blotchy|swelling|swollen|puffy|puffiness|peel|peeling|peels|flaking|flaky|flakes|dry|dryness|tight|tightness|irritat\w*|(?<!cold )sore|soreness|tender|bruis\w*|sunburn\w*|burning|stinging|itchy|itching|downtime|recovery|recovering)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReactionWords();

    [GeneratedRegex(Num + @"\s*(?:x|times?|sessions?|rounds?|days?|nights?)\s*(?:a|an|per|each|every|/|in a|in one)\s*(?<period>weeks?|wks?|days?|nights?|months?|fortnight)\b|"
        + Num + @"\s*(?:x|times?)\s*(?<period>weekly|daily|nightly|monthly)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex CountPerPeriod();

    [GeneratedRegex(@"\b(?<a>once|twice|thrice)(?:\s*(?:or|-|to)\s*(?<b>once|twice|thrice|\d+(?:\.\d+)?)(?:\s*(?:x|times?))?)?\s*(?:(?:a|an|per|each|every|in a)\s*(?<period>weeks?|wks?|days?|nights?|months?|fortnight)\b|(?<period>weekly|daily|nightly|monthly)\b)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex OnceTwicePerPeriod();

    [GeneratedRegex(@"\bevery\s*(?:other|second|alternate)\s*(?:day|night)\b|\balternate\s*days\b", RegexOptions.CultureInvariant)]
    private static partial Regex EveryOtherDay();

    [GeneratedRegex(@"\bevery\s*(?:" + Num + @"\s*)?(?<unit>days?|nights?|weeks?|wks?|months?|fortnights?)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex EveryN();

    [GeneratedRegex(Num + @"\s*(?<unit>days?|weeks?|wks?|months?)\s*(?:apart|between|in between|gap)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Apart();

    [GeneratedRegex(@"\b(?:daily|nightly|everyday|every\s*day|every\s*night|each\s*day|each\s*night)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DailyWord();

    [GeneratedRegex(@"\b(?:weekly|once\s*a\s*week)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WeeklyWord();

    [GeneratedRegex(@"\b(?:monthly|fortnightly)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthlyWord();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?:mm|millimet(?:er|re)s?)?(?:\s*(?:-|to|or|and)\s*(?<m>\d+(?:\.\d+)?))?\s*(?:a\s*)?(?<unit>mm|mms|millimet(?:er|re)s?|cm|centimet(?:er|re)s?|microns?|micrometers?|micrometres?|um|µm)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Lengths();

    [GeneratedRegex(Num + @"\s*(?<unit>hours?|hrs?|days?|nights?|weeks?|wks?|months?|years?|yrs?)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Durations();
}
