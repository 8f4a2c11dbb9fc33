using System.Text.Json;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Calibration;
using Microneedling.FactCheck.Evaluation;
using Microneedling.FactCheck.Matching;

namespace Microneedling.Cli;

/// <summary>
/// <c>calibrate --train FILE... [--test FILE...] [--out FILE] [--l2 X]</c>: fits the matcher model on the
/// training sets, scores the test sets with it (never fitting on them) and writes
/// <c>matcher-model.json</c> into the content folder, with the test figures in its "fit" section.
/// </summary>
internal static class CalibrateCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var train = new List<string>();
        var test = new List<string>();
        string? output = null;
        string? dump = null;
        var l2 = 1.0;
        List<string>? target = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--train": target = train; break;
                case "--test": target = test; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; target = null; break;
                case "--dump" when i + 1 < args.Length: dump = args[++i]; target = null; break;
                case "--l2" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0:
                    l2 = v; i++; target = null; break;
                default:
                    if (target is null || args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        stderr.WriteLine($"calibrate: unexpected argument '{args[i]}' (usage: calibrate --train FILE... [--test FILE...] [--out FILE] [--l2 X])");
                        return 2;
                    }
                    target.Add(args[i]);
                    break;
            }
        }
        if (train.Count == 0)
        {
            stderr.WriteLine("calibrate: give at least one labelled set with --train");
            return 2;
        }
        var sets = new Dictionary<string, IReadOnlyList<EvalCase>>(StringComparer.Ordinal);
        foreach (var file in train.Concat(test))
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine($"calibrate: no such file: {file}");
                return 2;
            }
            try
            {
                sets[file] = EvalCase.Load(file);
            }
            catch (FormatException e)
            {
                stderr.WriteLine("calibrate: " + e.Message);
                return 2;
            }
        }
        var overlap = train.Intersect(test, StringComparer.Ordinal).ToList();
        if (overlap.Count > 0)
        {
            stderr.WriteLine($"calibrate: a set cannot be both fitted on and tested on: {string.Join(", ", overlap)}");
            return 2;
        }

        var content = ContentPaths.ContentDirectory;
        output ??= Path.Combine(content, MatchModel.FileName);
        stdout.WriteLine($"calibrate: content {content}");
        var engine = FactChecker.LoadForCalibration(content);
        if (dump is not null)
        {
            using var writer = new StreamWriter(dump);
            new Calibrator(engine, stdout).Dump(train.Concat(test).Select(f => (Path.GetFileName(f), sets[f])).ToList(), writer);
            stdout.WriteLine($"calibrate: wrote the features of every question to {dump}");
            return 0;
        }
        var model = new Calibrator(engine, stdout).Fit(train.Select(f => (Path.GetFileName(f), sets[f])).ToList(), l2);
        var fitted = FactChecker.Load(content, null, model);
        var report = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var file in train.Concat(test))
        {
            var figures = EvalReport.Run(fitted, sets[file]);
            var role = train.Contains(file) ? "train" : "test";
            stdout.WriteLine($"{role} {Path.GetFileName(file)}: {figures.FiguresLine()}");
            report[$"{role}:{Path.GetFileName(file)}"] = figures.Figures.ToDictionary(f => f.Key, f => Math.Round(f.Value, 3));
        }
        var fit = model.Fit is { } f ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(f)! : [];
        fit["report"] = JsonSerializer.SerializeToElement(report);
        File.WriteAllText(output, JsonSerializer.Serialize(model with { Fit = JsonSerializer.SerializeToElement(fit) }, MatchModel.Json) + Environment.NewLine);
        stdout.WriteLine($"calibrate: wrote {output}");
        return 0;
    }
}
