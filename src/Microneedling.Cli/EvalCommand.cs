using System.Globalization;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Evaluation;

namespace Microneedling.Cli;

/// <summary>
/// <c>eval FILE.jsonl [--min-FIGURE X] [--max-FIGURE X]</c>: prints the misses and the figures of
/// shared/eval/score.py; exits 1 when a figure is under its floor or over its ceiling.
/// </summary>
internal static class EvalCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        var ceilings = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--min-", StringComparison.Ordinal) || arg.StartsWith("--max-", StringComparison.Ordinal))
            {
                var name = arg[6..].Replace('-', '_');
                if (!EvalReport.FigureNames.Contains(name))
                {
                    stderr.WriteLine($"eval: unknown figure '{arg[6..]}' (expected one of {string.Join(", ", EvalReport.FigureNames)})");
                    return 2;
                }
                if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    stderr.WriteLine($"eval: {arg} needs a number");
                    return 2;
                }
                (arg[2..5] == "min" ? floors : ceilings)[name] = value;
                i++;
            }
            else if (file is null && !arg.StartsWith("--", StringComparison.Ordinal))
            {
                file = arg;
            }
            else
            {
                stderr.WriteLine($"eval: unexpected argument '{arg}'");
                return 2;
            }
        }
        if (file is null)
        {
            stderr.WriteLine("eval: give the labelled set, e.g. eval ../shared/eval/dev.jsonl");
            return 2;
        }
        if (!File.Exists(file))
        {
            stderr.WriteLine($"eval: no such file: {file}");
            return 2;
        }

        IReadOnlyList<EvalCase> cases;
        try
        {
            cases = EvalCase.Load(file);
        }
        catch (FormatException ex)
        {
            stderr.WriteLine("eval: " + ex.Message);
            return 2;
        }
        var engine = FactChecker.Load(ContentPaths.ContentDirectory);
        var report = EvalReport.Run(engine, cases);
        foreach (var miss in report.Misses) stdout.WriteLine(miss);
        var failing = report.Failing(floors, ceilings);
        stdout.WriteLine((failing.Count > 0 ? "FAIL " + string.Join(",", failing) + " " : "") + report.FiguresLine());
        return failing.Count > 0 ? 1 : 0;
    }
}
