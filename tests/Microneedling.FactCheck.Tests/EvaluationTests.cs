using Microneedling.FactCheck.Evaluation;

namespace Microneedling.FactCheck.Tests;

/// <summary>
/// The bars of the engine issue, enforced on the development set (a copy of shared/eval/dev.jsonl)
/// and, with floors set from measurement, on our own held-out set of different wordings.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class EvaluationTests(EngineFixture fixture)
{
    [Fact]
    public void Dev_set_meets_the_issue_floors()
    {
        var report = EvalReport.Run(fixture.Engine, EvalCase.Load(EngineFixture.EvalFile("dev.jsonl")));
        var failing = report.Failing(
            new Dictionary<string, double> { ["top1"] = 0.95, ["ood"] = 0.95, ["redflag"] = 1.0, ["emergency"] = 1.0 },
            new Dictionary<string, double> { ["wrong_answer"] = 0.02 });
        Assert.True(failing.Count == 0, report.FiguresLine() + "\n" + string.Join("\n", report.Misses));
    }

    [Fact]
    public void Dev_set_copy_matches_the_shared_one_when_present()
    {
        var shared = Path.Combine(EngineFixture.RepoRoot, "..", "shared", "eval", "dev.jsonl");
        if (!File.Exists(shared)) return; // a checkout without shared/ beside it uses the copy as is
        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(EngineFixture.EvalFile("dev.jsonl")));
    }

    [Fact]
    public void Held_out_set_meets_its_floors()
    {
        var report = EvalReport.Run(fixture.Engine, EvalCase.Load(EngineFixture.EvalFile("holdout.jsonl")));
        var failing = report.Failing(
            new Dictionary<string, double> { ["top1"] = HoldoutFloors.Top1, ["ood"] = HoldoutFloors.Ood, ["redflag"] = HoldoutFloors.RedFlag, ["emergency"] = 1.0 },
            new Dictionary<string, double> { ["wrong_answer"] = HoldoutFloors.WrongAnswer, ["false_alarm"] = HoldoutFloors.FalseAlarm });
        Assert.True(failing.Count == 0, report.FiguresLine() + "\n" + string.Join("\n", report.Misses));
    }

    /// <summary>
    /// The blind set (eval/blind-*.jsonl) was written by someone who saw only the claim inventory and
    /// the evidence, never a claim file, and split in two: the tuning half is looked at when the
    /// matcher changes, the test half only measured (README, "Accuracy").
    /// </summary>
    [Theory]
    [InlineData("blind-tune.jsonl", 0.90, 0.07, 0.90)]
    [InlineData("blind-test.jsonl", 0.86, 0.08, 0.90)]
    public void Blind_set_halves_meet_their_floors(string file, double top1, double wrongAnswer, double ood)
    {
        var report = EvalReport.Run(fixture.Engine, EvalCase.Load(EngineFixture.EvalFile(file)));
        var failing = report.Failing(
            new Dictionary<string, double> { ["top1"] = top1, ["ood"] = ood, ["redflag"] = 1.0, ["emergency"] = 1.0 },
            new Dictionary<string, double> { ["wrong_answer"] = wrongAnswer, ["false_alarm"] = HoldoutFloors.BlindFalseAlarm });
        Assert.True(failing.Count == 0, report.FiguresLine() + "\n" + string.Join("\n", report.Misses));
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
internal static class HoldoutFloors
{
    public const double Top1 = 0.90;
    public const double Ood = 0.97;
    public const double RedFlag = 1.0;
    public const double WrongAnswer = 0.06;

    // Raised from 0.02 on 2026-12-01 (issue 12): sharing-rollers refers urgently, because someone
    // who already used a shared roller needs care today (HIV PEP within 72 hours), so a question
    // about a *plan* to share now also carries the urgent level and counts as a false alarm here.
    // Measured with the urgent level: held-out 0.039, blind tuning 0.047, blind test 0.032; with the
    // claim at dermatologist level the same sets measure 0.005, 0.000 and 0.008.
    public const double FalseAlarm = 0.045;
    public const double BlindFalseAlarm = 0.05;
}
