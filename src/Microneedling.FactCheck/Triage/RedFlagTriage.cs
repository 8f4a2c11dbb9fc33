using System.Text.RegularExpressions;
using Microneedling.FactCheck.Text;
using YamlDotNet.RepresentationModel;

namespace Microneedling.FactCheck.Triage;

/// <summary>
/// Red-flag triage (content/red-flags.yaml): recognises messages that describe an urgent or
/// emergency symptom or exposure. Runs on every message, independently of claim matching, over
/// both the normalised text and its spelling-corrected form, so a typo never hides a red flag.
/// An urgent sign inside a hypothetical question or right after a negation is not counted; an
/// emergency sign is never discounted as hypothetical, because missing one is the worst failure.
/// </summary>
public sealed partial class RedFlagTriage
{
    private static readonly TimeSpan MatchTimeout = TextNormalizer.RegexTimeout;

    private readonly IReadOnlyList<RedFlag> _flags;
    private readonly IReadOnlyList<Regex> _hypothetical;
    private readonly IReadOnlyList<Regex> _negation;
    private readonly IReadOnlyDictionary<ReferralLevel, string> _advice;

    private RedFlagTriage(IReadOnlyList<RedFlag> flags, IReadOnlyList<Regex> hypothetical, IReadOnlyList<Regex> negation,
        IReadOnlyDictionary<ReferralLevel, string> advice, IReadOnlyList<string> words,
        IReadOnlyList<DangerDescriptions> descriptions, IReadOnlyList<string> calm)
    {
        _flags = flags;
        _hypothetical = hypothetical;
        _negation = negation;
        _advice = advice;
        Words = words;
        Descriptions = descriptions;
        Calm = calm;
    }

    /// <summary>Everyday descriptions of each sign and their near misses, for the semantic detector.</summary>
    public IReadOnlyList<DangerDescriptions> Descriptions { get; }

    /// <summary>Near misses that must never escalate, whichever sign they look like.</summary>
    public IReadOnlyList<string> Calm { get; }

    /// <summary>What to do now at a level (the text every urgent or emergency reply starts with).</summary>
    public string AdviceFor(ReferralLevel level) => _advice[level];

    /// <summary>
    /// True when the clause of <paramref name="normalized"/> holding a sign is a question about a risk
    /// ("what if my throat swells", "can numbing cream cause seizures") rather than a description.
    /// </summary>
    public bool IsHypothetical(string normalized)
    {
        try
        {
            return _hypothetical.Any(h => h.IsMatch(normalized));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>True when the text has a word that denies ("no", "not", "never", "without", "isnt" ...).</summary>
    public static bool HasNegation(string normalized) => NegationWord().IsMatch(normalized);

    [GeneratedRegex(@"\b(no|not|without|never|dont|doesnt|didnt|isnt|wasnt|arent|werent|havent|hasnt|nor|zero|none)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NegationWord();

    /// <summary>Words the spelling corrector should know so misspelt red flags are still read.</summary>
    public IReadOnlyList<string> Words { get; }

    private sealed record RedFlag(string Id, ReferralLevel Level, string Sign, string? Advice, IReadOnlyList<Regex> Patterns);

    /// <summary>Triage of one message. <paramref name="corrected"/> is the same text with misspellings fixed.</summary>
    public TriageResult Assess(string normalized, string corrected) => AssessPatterns(normalized, corrected).Result;

    /// <summary>
    /// As <see cref="Assess"/>, also saying whether an emergency sign was found only inside a question
    /// about a risk ("what if my throat swells?", "can numbing cream cause seizures?"): the patterns do
    /// not escalate it (the result carries conditional advice), and the calibrated triage model, which
    /// weighs that, decides from the whole message.
    /// </summary>
    public (TriageResult Result, bool EmergencyOnlyHypothetical) AssessPatterns(string normalized, string corrected)
    {
        var level = ReferralLevel.None;
        var signs = new List<string>();
        var extra = new List<string>();
        var askedAbout = false;
        foreach (var flag in _flags)
        {
            var fired = Fires(flag, normalized);
            if (fired == Firing.None && !ReferenceEquals(normalized, corrected)) fired = Fires(flag, corrected);
            if (fired == Firing.AskedAbout) askedAbout = true;
            if (fired != Firing.Described) continue;
            level = ReferralLevelNames.Max(level, flag.Level);
            signs.Add(flag.Sign);
            if (flag.Advice is not null) extra.Add(flag.Advice);
        }
        if (level == ReferralLevel.None)
        {
            return askedAbout
                ? (TriageResult.Clear with { Conditional = ReferralLevel.Emergency, ConditionalAdvice = ConditionalAdvice(ReferralLevel.Emergency) }, true)
                : (TriageResult.Clear, false);
        }
        var advice = string.Join(" ", new[] { _advice[level] }.Concat(extra.Distinct()));
        return (new TriageResult(level, signs, advice), askedAbout && level < ReferralLevel.Emergency);
    }

    /// <summary>The advice for a sign asked about, not described: what to do if it is happening now.</summary>
    public string ConditionalAdvice(ReferralLevel level) => $"If this is happening to you now: {_advice[level]}";

    private enum Firing
    {
        None,
        AskedAbout,
        Described,
    }

    private Firing Fires(RedFlag flag, string text)
    {
        var asked = false;
        foreach (var pattern in flag.Patterns)
        {
            try
            {
                for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
                {
                    var clause = ClauseBefore(text, m.Index);
                    if (_negation.Any(n => n.IsMatch(clause))) continue;
                    if (_hypothetical.Any(h => h.IsMatch(clause + m.Value)))
                    {
                        // An urgent sign asked about is not counted; an emergency one becomes conditional advice.
                        if (flag.Level == ReferralLevel.Emergency) asked = true;
                        continue;
                    }
                    return Firing.Described;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological input must not hang the turn; err on the side of safety.
                return Firing.Described;
            }
        }
        return asked ? Firing.AskedAbout : Firing.None;
    }

    /// <summary>The text from the start of the clause holding <paramref name="index"/> up to it.</summary>
    private static string ClauseBefore(string text, int index)
    {
        var start = Math.Max(0, index - 120);
        var prefix = text[start..index];
        var cut = ClauseBreak().Matches(prefix).LastOrDefault();
        return cut is null ? prefix : prefix[(cut.Index + cut.Length)..];
    }

    [GeneratedRegex(@"[.,;:!?\n()]|\bbut\b|\bhowever\b|\balthough\b")]
    private static partial Regex ClauseBreak();

    public static RedFlagTriage Load(string path)
    {
        var errors = new List<ContentError>();
        var display = ContentPath.Display(path);
        var fields = new YamlFields(display, errors);
        YamlNode? root;
        try
        {
            using var reader = new StreamReader(path);
            root = fields.LoadDocument(reader);
        }
        catch (IOException ex)
        {
            throw new ContentException([new ContentError(display, 0, "", "cannot read the red flags: " + ex.Message)]);
        }
        var map = fields.Mapping(root, "") ?? throw new ContentException(errors.Count > 0 ? errors : [new ContentError(display, 1, "", "expected a mapping")]);
        fields.RejectUnknownKeys(map, "", "levels", "hypothetical", "negation", "flags", "words", "descriptions", "calm");

        var advice = new Dictionary<ReferralLevel, string>();
        if (fields.Mapping(YamlFields.Child(map, "levels"), "levels") is { } levels)
        {
            foreach (var (name, level) in new[] { ("emergency", ReferralLevel.Emergency), ("urgent", ReferralLevel.Urgent) })
            {
                if (fields.Mapping(YamlFields.Child(levels, name), "levels." + name) is { } entry &&
                    fields.Text(entry, "advice", $"levels.{name}.advice") is { } text)
                    advice[level] = text;
                else if (YamlFields.Child(levels, name) is null)
                    fields.Error(levels, "levels." + name, "is missing");
            }
        }
        else
        {
            fields.Error(map, "levels", "is missing");
        }

        var hypothetical = Compile(fields, fields.TextList(map, "hypothetical", "hypothetical"), "hypothetical");
        var negation = Compile(fields, fields.TextList(map, "negation", "negation"), "negation");
        var flags = new List<RedFlag>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var items = fields.MappingList(map, "flags", "flags");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"flags[{i}]";
            fields.RejectUnknownKeys(item, field + ".", "id", "level", "sign", "advice", "patterns");
            var id = fields.Text(item, "id", field + ".id");
            if (id is not null && !ids.Add(id)) fields.Error(item, field + ".id", $"duplicate red flag id '{id}'");
            var levelText = fields.Text(item, "level", field + ".level");
            var level = ReferralLevel.None;
            if (levelText is not null && (!ReferralLevelNames.TryParse(levelText, out level) || level < ReferralLevel.Urgent))
                fields.Error(YamlFields.Child(item, "level")!, field + ".level", $"'{levelText}' must be urgent or emergency");
            var sign = fields.Text(item, "sign", field + ".sign");
            var flagAdvice = fields.Text(item, "advice", field + ".advice", required: false);
            var patterns = Compile(fields, fields.TextList(item, "patterns", field + ".patterns"), field + ".patterns");
            if (patterns.Count == 0 && YamlFields.Child(item, "patterns") is { } p) fields.Error(p, field + ".patterns", "needs at least one pattern");
            if (id is not null && sign is not null && level >= ReferralLevel.Urgent)
                flags.Add(new RedFlag(id, level, sign, flagAdvice, patterns));
        }
        var words = fields.TextList(map, "words", "words", required: false).Select(w => w.Value.ToLowerInvariant()).ToList();
        var descriptions = new List<DangerDescriptions>();
        var describedIds = new HashSet<string>(StringComparer.Ordinal);
        var described = fields.MappingList(map, "descriptions", "descriptions", required: false);
        for (var i = 0; i < described.Count; i++)
        {
            var item = described[i];
            var field = $"descriptions[{i}]";
            fields.RejectUnknownKeys(item, field + ".", "id", "level", "sign", "advice", "danger", "calm");
            var id = fields.Text(item, "id", field + ".id");
            if (id is not null && !describedIds.Add(id)) fields.Error(item, field + ".id", $"duplicate description id '{id}'");
            var levelText = fields.Text(item, "level", field + ".level");
            var level = ReferralLevel.None;
            if (levelText is not null && (!ReferralLevelNames.TryParse(levelText, out level) || level < ReferralLevel.Urgent))
                fields.Error(YamlFields.Child(item, "level")!, field + ".level", $"'{levelText}' must be urgent or emergency");
            var sign = fields.Text(item, "sign", field + ".sign");
            var flagAdvice = fields.Text(item, "advice", field + ".advice", required: false);
            var danger = fields.TextList(item, "danger", field + ".danger").Select(d => d.Value).ToList();
            if (danger.Count == 0 && YamlFields.Child(item, "danger") is { } dn) fields.Error(dn, field + ".danger", "needs at least one description");
            var calm = fields.TextList(item, "calm", field + ".calm", required: false).Select(d => d.Value).ToList();
            if (id is not null && sign is not null && level >= ReferralLevel.Urgent && danger.Count > 0)
                descriptions.Add(new DangerDescriptions(id, level, sign, flagAdvice, danger, calm));
        }
        var sharedCalm = fields.TextList(map, "calm", "calm", required: false).Select(c => c.Value).ToList();
        if (errors.Count > 0) throw new ContentException(errors);
        // Emergency flags first, so the signs list leads with the most serious.
        return new RedFlagTriage(flags.OrderByDescending(f => f.Level).ToList(), hypothetical, negation, advice, words,
            descriptions.OrderByDescending(d => d.Level).ToList(), sharedCalm);
    }

    private static List<Regex> Compile(YamlFields fields, List<(string Value, YamlNode Node)> patterns, string field)
    {
        var result = new List<Regex>();
        foreach (var (pattern, node) in patterns)
        {
            try
            {
                result.Add(new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled, MatchTimeout));
            }
            catch (ArgumentException ex)
            {
                fields.Error(node, field, "not a valid regular expression: " + ex.Message);
            }
        }
        return result;
    }
}

/// <summary>
/// One sign for the semantic detector: how people describe it happening now (<see cref="Danger"/>) and
/// sentences that look like it but must not escalate (<see cref="Calm"/>).
/// </summary>
public sealed record DangerDescriptions(string Id, ReferralLevel Level, string Sign, string? Advice, IReadOnlyList<string> Danger, IReadOnlyList<string> Calm);
