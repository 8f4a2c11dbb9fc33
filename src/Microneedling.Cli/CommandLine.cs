namespace Microneedling.Cli;

/// <summary>Dispatches the first argument to a command. Exit codes: 0 ok, 1 the command failed, 2 usage error.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: microneedling <command> [options]

          check [--explain]          read questions from stdin, one per line; write one JSON object per line
          eval FILE.jsonl [floors]   score a labelled set (format of shared/eval/dev.jsonl)
                                     floors: --min-top1 0.95 --min-ood 0.95 --min-redflag 1 --max-wrong-answer 0.02 ...
          calibrate --train FILE... [--test FILE...]
                                     fit the matcher model on labelled sets; writes content/matcher-model.json
          validate [DIR]             validate a claim folder and list every problem
          teams-package --app-id GUID --out FILE.zip [--domain HOST]
                                     write the Teams app package (manifest + icons); --help for all options
        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "check" => CheckCommand.Run(rest, stdin, stdout, stderr),
                "eval" => EvalCommand.Run(rest, stdout, stderr),
                "calibrate" => CalibrateCommand.Run(rest, stdout, stderr),
                "validate" => ValidateCommand.Run(rest, stdout, stderr),
                "teams-package" => TeamsPackageCommand.Run(rest, stdout, stderr),
                _ => UnknownCommand(args[0], stderr),
            };
        }
        catch (Microneedling.FactCheck.ContentException ex)
        {
            stderr.WriteLine(ex.Message);
            return 1;
        }
    }

    private static int UnknownCommand(string name, TextWriter stderr)
    {
        stderr.WriteLine($"unknown command '{name}'.");
        stderr.WriteLine(Usage);
        return 2;
    }
}
