using System.CommandLine;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Evaluation;

namespace Microneedling.Cli;

/// <summary>
/// <c>eval FILE [--min-FIGURE X] [--max-FIGURE X]</c>: prints the misses and the figures of shared/eval/score.py;
/// exits 1 when a figure is under its floor or over its ceiling. There is one --min- and one --max- option per
/// name in <see cref="EvalReport.FigureNames"/> (underscores written as dashes), so an unknown figure is a usage error.
/// </summary>
internal sealed class EvalCommand : Command
{
    private readonly Argument<FileInfo> _file = new("FILE")
    {
        Description = "The labelled set, one JSON object a line: {\"q\", \"expect\", \"kind\"[, \"accept\"]} (the format of shared/eval/dev.jsonl).",
    };

    private sealed record FigureLimits(string Figure, Option<double> Floor, Option<double> Ceiling);

    private readonly List<FigureLimits> _limits = [];
    private readonly ContentOption _content;

    public EvalCommand(ContentOption content)
        : base("eval", "Score a labelled set: print each miss, then the line of figures (top1 to calm_alarm). " +
                       "Exit 1 when a figure is under its --min- floor or over its --max- ceiling.")
    {
        _content = content;
        _file.AcceptExistingOnly();
        Arguments.Add(_file);
        foreach (var figure in EvalReport.FigureNames)
        {
            var name = figure.Replace('_', '-');
            var meaning = EvalFigures.Meaning(figure);
            var floor = InvariantNumber.Option($"--min-{name}", $"Fail when {figure} is under X; {figure} is {meaning}.");
            var ceiling = InvariantNumber.Option($"--max-{name}", $"Fail when {figure} is over X.");
            Options.Add(floor);
            Options.Add(ceiling);
            _limits.Add(new FigureLimits(figure, floor, ceiling));
        }
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var file = parse.GetRequiredValue(_file);
        var stdout = parse.InvocationConfiguration.Output;
        IReadOnlyList<EvalCase> cases;
        try
        {
            cases = EvalCase.Load(file.FullName);
        }
        catch (FormatException ex)
        {
            // A malformed set is a wrong argument, not a failed evaluation (the message names file:line).
            parse.InvocationConfiguration.Error.WriteLine("eval: " + ex.Message);
            return ExitCodes.Usage;
        }
        var floors = Given(parse, l => l.Floor);
        var ceilings = Given(parse, l => l.Ceiling);
        var report = EvalReport.Run(FactChecker.Load(_content.Directory(parse)), cases);
        foreach (var miss in report.Misses) stdout.WriteLine(miss);
        var failing = report.Failing(floors, ceilings);
        stdout.WriteLine((failing.Count > 0 ? "FAIL " + string.Join(",", failing) + " " : "") + report.FiguresLine());
        return failing.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The limits given on the command line, by figure name (an option not given sets no limit).</summary>
    private Dictionary<string, double> Given(ParseResult parse, Func<FigureLimits, Option<double>> which) =>
        _limits.Where(l => parse.GetResult(which(l)) is not null)
            .ToDictionary(l => l.Figure, l => parse.GetValue(which(l)), StringComparer.Ordinal);
}
