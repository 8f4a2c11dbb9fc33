using System.CommandLine;
using System.CommandLine.Parsing;

namespace Microneedling.Cli;

/// <summary>
/// Writes a failed parse to stderr: each error prefixed by the command it concerns, then a usage line and where
/// to read more. At the top level (no command, or an unknown one) it lists the commands instead.
/// </summary>
internal static class UsageErrors
{
    public static void Write(ParseResult parse, TextWriter stderr)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        if (command is RootCommand)
        {
            WriteTopLevel(parse, command, path, stderr);
            return;
        }
        foreach (var error in parse.Errors) stderr.WriteLine($"{path}: {error.Message}");
        stderr.WriteLine($"usage: {Synopsis(command, path)}");
        stderr.WriteLine($"Run '{path} --help' for every option.");
    }

    private static void WriteTopLevel(ParseResult parse, Command root, string path, TextWriter stderr)
    {
        // The first word that is not an option is where a command was expected.
        var word = parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
        if (word is not null)
        {
            stderr.WriteLine($"{path}: unknown command '{word}'.");
        }
        else
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"{path}: {error.Message}");
        }
        stderr.WriteLine($"usage: {path} [--content DIR] <command> [options]");
        stderr.WriteLine();
        stderr.WriteLine("commands:");
        var width = root.Subcommands.Max(c => c.Name.Length) + 2;
        foreach (var sub in root.Subcommands) stderr.WriteLine($"  {sub.Name.PadRight(width)}{FirstSentence(sub.Description)}");
        stderr.WriteLine();
        stderr.WriteLine($"Run '{path} <command> --help' for a command's options.");
    }

    /// <summary>"microneedling eval FILE [options]": the command, its arguments and its required options.</summary>
    private static string Synopsis(Command command, string path)
    {
        var parts = new List<string> { path };
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var name = (argument.HelpName ?? argument.Name) + (argument.Arity.MaximumNumberOfValues > 1 ? "..." : "");
            parts.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{name}]" : name);
        }
        foreach (var option in command.Options.Where(o => o.Required))
            parts.Add($"{option.Name} {option.HelpName ?? "VALUE"}{(option.Arity.MaximumNumberOfValues > 1 ? "..." : "")}");
        parts.Add("[options]");
        return string.Join(' ', parts);
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    private static string FirstSentence(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text.TrimEnd('.') : text[..end];
    }
}
