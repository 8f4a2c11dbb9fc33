using Microneedling.FactCheck;

namespace Microneedling.Cli;

/// <summary><c>validate [DIR]</c>: checks a claim folder and reports every problem, not just the first.</summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var directory = args.Length > 0 ? args[0] : ContentPaths.ClaimsDirectory;
        var (set, errors) = ClaimSetLoader.Validate(directory);
        foreach (var error in errors) stderr.WriteLine(error);
        if (set is null)
        {
            stderr.WriteLine($"{errors.Count} problem(s) found in {directory}.");
            return 1;
        }
        stdout.WriteLine($"{set.Count} claims in {directory}: all valid.");
        return 0;
    }
}
