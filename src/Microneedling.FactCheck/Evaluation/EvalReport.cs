using System.Globalization;

namespace Microneedling.FactCheck.Evaluation;

/// <summary>
/// The figures of shared/eval/score.py for a labelled set, computed the same way, and the misses.
/// </summary>
public sealed class EvalReport
{
    /// <summary>Figure names in score.py's print order.</summary>
    public static readonly IReadOnlyList<string> FigureNames =
        ["top1", "top3", "wrong_answer", "multi_all", "ood", "redflag", "emergency", "contra_referral", "false_alarm", "direct", "clarify", "confident_wrong", "calm_alarm"];

    private static readonly HashSet<string> InScope = ["para", "num", "typo", "contra", "multi"];

    public required IReadOnlyDictionary<string, double> Figures { get; init; }

    public required IReadOnlyList<string> Misses { get; init; }

    public int Count { get; init; }

    public static EvalReport Run(FactChecker engine, IReadOnlyList<EvalCase> cases)
    {
        var n = new Dictionary<string, int>(StringComparer.Ordinal);
        void Inc(string key, bool when = true) { if (when) n[key] = n.GetValueOrDefault(key) + 1; }
        var misses = new List<string>();
        foreach (var c in cases)
        {
            var result = engine.Check(c.Question);
            var ids = result.Matches.Select(m => m.Claim.Id).ToList();
            var referral = result.Referral;
            var good = c.Expect.Concat(c.Accept).ToHashSet(StringComparer.Ordinal);
            var escalated = referral >= ReferralLevel.Urgent;
            // What the person sees (score.py's "confidence"): an answer, a "did you mean", or nothing.
            var confidence = ids.Count == 0 ? MatchConfidence.None : result.Confidence;
            if (InScope.Contains(c.Kind) || c.Kind == "ood") Inc("judged");
            if (InScope.Contains(c.Kind))
            {
                var right = ids.Count > 0 && good.Contains(ids[0]);
                Inc("direct", confidence == MatchConfidence.High && right);
                Inc("confident_wrong", confidence == MatchConfidence.High && !right);
                Inc("clarify", confidence == MatchConfidence.Medium);
                if (confidence == MatchConfidence.Medium && right) misses.Add(Miss("clarify", c.Question, Ids(c.Expect), Ids(ids.Take(3))));
                Inc("in");
                var top1 = ids.Count > 0 && good.Contains(ids[0]);
                Inc("top1", top1);
                if (!top1)
                {
                    misses.Add(Miss(c.Kind, c.Question, Ids(c.Expect), Ids(ids.Take(3))));
                    Inc("wrong", ids.Count > 0);
                }
                Inc("top3", ids.Take(3).Any(good.Contains));
                Inc("false_alarm", escalated);
            }
            if (c.Kind == "multi")
            {
                Inc("multi");
                Inc("multi_ok", c.Expect.All(e => ids.Take(3).Contains(e)));
            }
            if (c.Kind == "contra")
            {
                Inc("contra");
                Inc("contra_ok", referral != ReferralLevel.None);
            }
            if (c.Kind == "ood")
            {
                Inc("ood");
                Inc("ood_ok", ids.Count == 0);
                Inc("confident_wrong", confidence == MatchConfidence.High);
                if (ids.Count > 0) misses.Add(Miss(c.Kind, c.Question, "[]", Ids(ids.Take(3))));
            }
            if (c.Kind == "calm")
            {
                // Triage sets: messages that look like a red flag and are not (score.py has no such kind).
                Inc("calm");
                Inc("calm_alarm", escalated);
                if (escalated) misses.Add(Miss(c.Kind, c.Question, "'none'", "'" + referral.ToName() + "'"));
            }
            if (c.Kind is "urgent" or "emergency")
            {
                Inc(c.Kind);
                var ok = c.Kind == "urgent" ? escalated : referral == ReferralLevel.Emergency;
                Inc(c.Kind + "_ok", ok);
                if (!ok) misses.Add(Miss(c.Kind, c.Question, "'" + referral.ToName() + "'", Ids(ids.Take(1))));
            }
        }
        double Ratio(string a, string b) => n.GetValueOrDefault(b) == 0 ? 1.0 : (double)n.GetValueOrDefault(a) / n[b];
        var flags = n.GetValueOrDefault("urgent") + n.GetValueOrDefault("emergency");
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["top1"] = Ratio("top1", "in"),
            ["top3"] = Ratio("top3", "in"),
            ["wrong_answer"] = Ratio("wrong", "in"),
            ["multi_all"] = Ratio("multi_ok", "multi"),
            ["ood"] = Ratio("ood_ok", "ood"),
            ["redflag"] = (double)(n.GetValueOrDefault("urgent_ok") + n.GetValueOrDefault("emergency_ok")) / Math.Max(1, flags),
            ["emergency"] = Ratio("emergency_ok", "emergency"),
            ["contra_referral"] = Ratio("contra_ok", "contra"),
            ["false_alarm"] = Ratio("false_alarm", "in"),
            ["direct"] = Ratio("direct", "in"),
            ["clarify"] = Ratio("clarify", "in"),
            ["confident_wrong"] = Ratio("confident_wrong", "judged"),
            ["calm_alarm"] = n.GetValueOrDefault("calm") == 0 ? 0 : Ratio("calm_alarm", "calm"),
        };
        return new EvalReport { Figures = figures, Misses = misses, Count = cases.Count };
    }

    /// <summary>score.py's summary line: "top1=0.964 top3=... false_alarm=0.000".</summary>
    public string FiguresLine() =>
        string.Join(" ", FigureNames.Select(k => $"{k}={Figures[k].ToString("0.000", CultureInfo.InvariantCulture)}"));

    /// <summary>The figures below their floor or above their ceiling.</summary>
    public IReadOnlyList<string> Failing(IReadOnlyDictionary<string, double> floors, IReadOnlyDictionary<string, double> ceilings) =>
        floors.Where(f => Figures.GetValueOrDefault(f.Key, 0) < f.Value).Select(f => f.Key)
            .Concat(ceilings.Where(c => Figures.GetValueOrDefault(c.Key, 1) > c.Value).Select(c => c.Key))
            .ToList();

    private static string Miss(string kind, string q, string want, string got) =>
        $"miss [{kind}] {System.Text.Json.JsonSerializer.Serialize(q)}: want {want}, got {got}";

    private static string Ids(IEnumerable<string> ids) => "[" + string.Join(", ", ids.Select(i => $"'{i}'")) + "]";
}
