using System.CommandLine;
using System.Text.Json;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Calibration;
using Microneedling.FactCheck.Evaluation;
using Microneedling.FactCheck.Matching;

namespace Microneedling.Cli;

/// <summary>
/// <c>calibrate --train FILE... [--test FILE...] [--out FILE] [--l2 X] [--dump FILE]</c>: fits the matcher model on
/// the training sets, scores the test sets with it (never fitting on them) and writes <c>matcher-model.json</c>
/// into the content folder, with the test figures in its "fit" section.
/// </summary>
internal sealed class CalibrateCommand : Command
{
    private readonly Option<FileInfo[]> _train = new("--train")
    {
        Description = "Labelled sets to fit on (JSONL, the format of shared/eval/dev.jsonl); one or more.",
        HelpName = "FILE",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<FileInfo[]> _test = new("--test")
    {
        Description = "Labelled sets only measured with the fitted model, never fitted on.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<FileInfo> _out = new("--out")
    {
        Description = "Where to write the model (default: matcher-model.json in the content folder).",
        HelpName = "FILE",
    };

    private readonly Option<double> _l2 = InvariantNumber.Option("--l2", "L2 regularisation strength of the fitted models, above 0.");

    private readonly Option<FileInfo> _dump = new("--dump")
    {
        Description = "Write the features of every question of the train and test sets to FILE instead of fitting.",
        HelpName = "FILE",
    };

    private readonly ContentOption _content;

    public CalibrateCommand(ContentOption content)
        : base("calibrate", "Fit the matcher model on labelled sets and write matcher-model.json; " +
                            "print the figures of each train and test set with the fitted model.")
    {
        _content = content;
        _train.AcceptExistingOnly();
        _test.AcceptExistingOnly();
        _l2.DefaultValueFactory = _ => 1.0;
        _l2.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && r.GetValueOrDefault<double>() <= 0) r.AddError("--l2 must be above 0.");
        });
        Options.Add(_train);
        Options.Add(_test);
        Options.Add(_out);
        Options.Add(_l2);
        Options.Add(_dump);
        Validators.Add(r =>
        {
            var overlap = Names(r.GetValue(_train)).Intersect(Names(r.GetValue(_test)), StringComparer.Ordinal).ToList();
            if (overlap.Count > 0) r.AddError($"a set cannot be both fitted on and tested on: {string.Join(", ", overlap)}");
        });
        SetAction(Run);
    }

    private static IEnumerable<string> Names(FileInfo[]? files) => files?.Select(f => f.FullName) ?? [];

    private int Run(ParseResult parse)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var train = parse.GetRequiredValue(_train);
        var test = parse.GetValue(_test) ?? [];
        var sets = new Dictionary<FileInfo, IReadOnlyList<EvalCase>>();
        foreach (var file in train.Concat(test))
        {
            try
            {
                sets[file] = EvalCase.Load(file.FullName);
            }
            catch (FormatException e)
            {
                // A set that is not JSONL is a wrong argument, like a missing file (the message names file:line).
                parse.InvocationConfiguration.Error.WriteLine("calibrate: " + e.Message);
                return ExitCodes.Usage;
            }
        }

        var content = _content.Directory(parse);
        var output = parse.GetValue(_out)?.FullName ?? Path.Combine(content, MatchModel.FileName);
        stdout.WriteLine($"calibrate: content {content}");
        var engine = FactChecker.LoadForCalibration(content);
        if (parse.GetValue(_dump) is { } dump)
        {
            using var writer = new StreamWriter(dump.FullName);
            new Calibrator(engine, stdout).Dump(train.Concat(test).Select(f => (f.Name, sets[f])).ToList(), writer);
            stdout.WriteLine($"calibrate: wrote the features of every question to {dump}");
            return ExitCodes.Ok;
        }
        var model = new Calibrator(engine, stdout).Fit(train.Select(f => (f.Name, sets[f])).ToList(), parse.GetValue(_l2));
        var fitted = FactChecker.Load(content, null, model);
        var report = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var file in train.Concat(test))
        {
            var figures = EvalReport.Run(fitted, sets[file]);
            var role = train.Contains(file) ? "train" : "test";
            stdout.WriteLine($"{role} {file.Name}: {figures.FiguresLine()}");
            report[$"{role}:{file.Name}"] = figures.Figures.ToDictionary(f => f.Key, f => Math.Round(f.Value, 3));
        }
        var fit = model.Fit is { } f ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(f)! : [];
        fit["report"] = JsonSerializer.SerializeToElement(report);
        File.WriteAllText(output, JsonSerializer.Serialize(model with { Fit = JsonSerializer.SerializeToElement(fit) }, MatchModel.Json) + Environment.NewLine);
        stdout.WriteLine($"calibrate: wrote {output}");
        return ExitCodes.Ok;
    }
}
