using System.CommandLine;
using Microneedling.FactCheck;

namespace Microneedling.Cli;

/// <summary><c>validate [DIR]</c>: checks a claim folder and reports every problem, not just the first.</summary>
internal sealed class ValidateCommand : Command
{
    private readonly Argument<DirectoryInfo> _directory = new("DIR")
    {
        Description = "The claim folder (default: claims/ in the content folder).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly ContentOption _content;

    public ValidateCommand(ContentOption content)
        : base("validate", "Validate a claim folder and list every problem as file:line: field: message. Exit 1 when there is any.")
    {
        _content = content;
        _directory.AcceptExistingOnly();
        Arguments.Add(_directory);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var directory = parse.GetValue(_directory)?.FullName ?? ContentPaths.ClaimsDirectory(_content.Directory(parse));
        var (set, errors) = ClaimSetLoader.Validate(directory);
        var stderr = parse.InvocationConfiguration.Error;
        foreach (var error in errors) stderr.WriteLine(error);
        if (set is null)
        {
            stderr.WriteLine($"{errors.Count} problem(s) found in {directory}.");
            return ExitCodes.Failed;
        }
        parse.InvocationConfiguration.Output.WriteLine($"{set.Count} claims in {directory}: all valid.");
        return ExitCodes.Ok;
    }
}
