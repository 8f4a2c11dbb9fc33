using Microneedling.FactCheck.Evaluation;

namespace Microneedling.FactCheck.Tests;

/// <summary>
/// The bars of the engine issue, enforced on the development set (a copy of shared/eval/dev.jsonl)
/// and, with floors set from measurement, on our own held-out set of different wordings.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EvaluationTests(EngineFixture fixture)
{
    /// <summary>
    /// Every labelled set meets floors a little under its figures measured on 2026-12-03 (README,
    /// "Accuracy"): the sets the model was fitted on (dev, held-out, blind-tune, forum-train-a/d/g/l,
    /// triage-train-e/f/m/p) guard against a refit or content change that loses what they teach; the sets
    /// never fitted on (blind-test, forum-test-b/i/j/k/n, triage-test-c/h/n/q) are the honest figures. A change that
    /// moves a figure past its floor must say why in the README, not just lower the number.
    /// </summary>
    [Theory]
    [InlineData("dev.jsonl", "top1>=0.99 direct>=0.99 clarify<=0.02 confident_wrong<=0.005 ood>=0.98 redflag>=0.98 emergency>=0.98 false_alarm<=0.02")]
    [InlineData("holdout.jsonl", "top1>=0.95 direct>=0.95 clarify<=0.03 confident_wrong<=0.009 ood>=0.98 redflag>=0.98 emergency>=0.98 false_alarm<=0.02")]
    [InlineData("blind-tune.jsonl", "top1>=0.93 direct>=0.90 clarify<=0.05 confident_wrong<=0.005 ood>=0.98 redflag>=0.98 emergency>=0.98 false_alarm<=0.02")]
    [InlineData("blind-test.jsonl", "top1>=0.94 direct>=0.91 clarify<=0.04 confident_wrong<=0.012 ood>=0.98 redflag>=0.98 emergency>=0.98 false_alarm<=0.02")]
    [InlineData("forum-train-a.jsonl", "top1>=0.95 direct>=0.92 clarify<=0.05 confident_wrong<=0.005 ood>=0.98 redflag>=0.95 emergency>=0.98 false_alarm<=0.02")]
    [InlineData("forum-train-d.jsonl", "top1>=0.89 direct>=0.84 clarify<=0.07 confident_wrong<=0.008 ood>=0.98 redflag>=0.98 emergency>=0.98 false_alarm<=0.03")]
    [InlineData("forum-train-l.jsonl", "top1>=0.96 direct>=0.94 clarify<=0.05 confident_wrong<=0.008 ood>=0.98 emergency>=0.98 false_alarm<=0.03")]
    [InlineData("forum-train-g.jsonl", "top1>=0.89 direct>=0.88 clarify<=0.04 confident_wrong<=0.007 ood>=0.98 redflag>=0.98 emergency>=0.98 false_alarm<=0.03")]
    [InlineData("forum-test-b.jsonl", "top1>=0.87 direct>=0.85 clarify<=0.06 confident_wrong<=0.014 ood>=0.92 redflag>=0.96 emergency>=0.98 false_alarm<=0.03")]
    [InlineData("forum-test-i.jsonl", "top1>=0.92 direct>=0.89 clarify<=0.05 confident_wrong<=0.005 ood>=0.97 emergency>=0.98 false_alarm<=0.04")]
    [InlineData("forum-test-j.jsonl", "top1>=0.92 direct>=0.90 clarify<=0.05 confident_wrong<=0.016 ood>=0.94 emergency>=0.98 false_alarm<=0.02")]
    [InlineData("forum-test-n.jsonl", "top1>=0.87 direct>=0.87 clarify<=0.03 confident_wrong<=0.011 ood>=0.98 emergency>=0.98 false_alarm<=0.04")]
    [InlineData("forum-test-k.jsonl", "top1>=0.93 direct>=0.93 clarify<=0.03 confident_wrong<=0.010 ood>=0.95 emergency>=0.98 false_alarm<=0.04")]
    [InlineData("forum-test-r.jsonl", "top1>=0.96 direct>=0.94 clarify<=0.05 confident_wrong<=0.020 ood>=0.89 emergency>=0.98 false_alarm<=0.03")]
    [InlineData("triage-train-e.jsonl", "redflag>=0.95 emergency>=0.98 calm_alarm<=0.06")]
    [InlineData("triage-train-f.jsonl", "redflag>=0.95 emergency>=0.97 calm_alarm<=0.09")]
    [InlineData("triage-train-m.jsonl", "redflag>=0.98 emergency>=0.98 calm_alarm<=0.21")]
    [InlineData("triage-train-p.jsonl", "redflag>=0.98 emergency>=0.98 calm_alarm<=0.19")]
    [InlineData("triage-test-c.jsonl", "redflag>=0.91 emergency>=0.97 calm_alarm<=0.08")]
    [InlineData("triage-test-h.jsonl", "redflag>=0.93 emergency>=0.96 calm_alarm<=0.11")]
    [InlineData("triage-test-n.jsonl", "redflag>=0.93 emergency>=0.96 calm_alarm<=0.16")]
    [InlineData("triage-test-q.jsonl", "redflag>=0.95 emergency>=0.95 calm_alarm<=0.18")]
    [InlineData("triage-test-s.jsonl", "redflag>=0.96 emergency>=0.96 calm_alarm<=0.09")]
    [InlineData("triage-test-t.jsonl", "redflag>=0.98 emergency>=0.98 calm_alarm<=0.20")]
    [InlineData("triage-test-u.jsonl", "redflag>=0.97 emergency>=0.97 calm_alarm<=0.15")]
    public void Every_labelled_set_meets_its_floors(string file, string limits)
    {
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        var ceilings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var limit in limits.Split(' '))
        {
            var atLeast = limit.Contains(">=", StringComparison.Ordinal);
            var parts = limit.Split(atLeast ? ">=" : "<=");
            (atLeast ? floors : ceilings)[parts[0]] = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.All(floors.Keys.Concat(ceilings.Keys), name => Assert.Contains(name, EvalReport.FigureNames));
        var report = EvalReport.Run(fixture.Engine, EvalCase.Load(EngineFixture.EvalFile(file)));
        var failing = report.Failing(floors, ceilings);
        // A test set's misses are not printed: whoever reads a failure would see what the engine gets
        // wrong on questions kept blind (the figures say enough to know which floor moved).
        var misses = file.Contains("-test", StringComparison.Ordinal) ? $"({report.Misses.Count} misses, not printed for a test set)" : string.Join("\n", report.Misses);
        Assert.True(failing.Count == 0, $"{file}: {string.Join(", ", failing)}\n{report.FiguresLine()}\n{misses}");
    }

    [Fact]
    public void Malformed_eval_rows_name_their_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{\"q\":\"fine\",\"expect\":[],\"kind\":\"ood\"}\n{not json\n");
        var ex = Assert.Throws<FormatException>(() => EvalCase.Load(path));
        Assert.Contains(":2:", ex.Message);
        File.WriteAllText(path, "{\"q\":\"x\",\"expect\":[],\"kind\":\"weird\"}\n");
        Assert.Contains("unknown kind", Assert.Throws<FormatException>(() => EvalCase.Load(path)).Message);
    }
}

/// <summary>
/// Floors for the held-out set: a little under what the engine measured when they were set, so a
/// regression fails the build (see README, "Matcher accuracy", for the measured figures).
/// </summary>
