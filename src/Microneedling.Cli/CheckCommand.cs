using System.CommandLine;
using Microneedling.FactCheck;

namespace Microneedling.Cli;

/// <summary>
/// <c>check [--explain]</c>: one question per stdin line in, one JSON object per line out, same order
/// (the line's shape is in <see cref="CheckLine"/>).
/// </summary>
internal sealed class CheckCommand : Command
{
    private readonly Option<bool> _explain = new("--explain")
    {
        Description = "Also say why each claim matched (terms, score parts, quantity notes) and add triage signs and " +
                      "probabilities, certainty, quantities, spelling corrections and the candidate claims.",
    };

    private readonly ContentOption _content;
    private readonly TextReader _stdin;

    public CheckCommand(ContentOption content, TextReader stdin)
        : base("check", "Fact-check questions: read one per line from stdin, write one JSON object per line to stdout, in order. " +
                        "Each line has the claims, the referral and the confidence: what the person would see " +
                        "(high: an answer; medium: a \"did you mean\" listing the claims; none: nothing).")
    {
        _content = content;
        _stdin = stdin;
        Options.Add(_explain);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var engine = FactChecker.Load(_content.Directory(parse));
        var explain = parse.GetValue(_explain);
        var stdout = parse.InvocationConfiguration.Output;
        var line = new CheckLine(explain);
        string? question;
        while ((question = _stdin.ReadLine()) is not null)
            stdout.WriteLine(line.Write(question, engine.Check(question)));
        stdout.Flush();
        return ExitCodes.Ok;
    }
}
