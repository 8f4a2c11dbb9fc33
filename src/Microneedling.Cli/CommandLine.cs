using System.CommandLine;
using System.CommandLine.Invocation;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Semantic;

namespace Microneedling.Cli;

/// <summary>
/// Parses the arguments with <see cref="MicroneedlingCommand"/> and runs the command, mapping every way it can end
/// to an exit code (<see cref="ExitCodes"/>): parse errors are usage errors (2, on stderr), and broken content or a
/// missing sentence model is one message naming the file (1), never a stack trace.
/// </summary>
internal static class CommandLine
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var parse = new MicroneedlingCommand(stdin).Parse(args);
        // System.CommandLine's own error action exits 1; a usage error here is 2, and says how to get help.
        if (parse.Action is ParseErrorAction)
        {
            UsageErrors.Write(parse, stderr);
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (ContentException ex)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.Failed;
        }
        catch (SemanticModelException ex)
        {
            stderr.WriteLine($"cannot load the sentence model: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
