using System.CommandLine;

namespace Microneedling.Cli;

/// <summary>The command tree: <c>microneedling [--content DIR] &lt;command&gt; ...</c>.</summary>
internal sealed class MicroneedlingCommand : RootCommand
{
    public MicroneedlingCommand(TextReader stdin)
        : base("Command-line tool for curators of the microneedling fact-check bot: check questions, score labelled sets, " +
               "fit the matcher model, validate claim files, build the Teams app package, read and act on what people asked (curation).")
    {
        var content = new ContentOption();
        Options.Add(content);
        Subcommands.Add(new CheckCommand(content, stdin));
        Subcommands.Add(new EvalCommand(content));
        Subcommands.Add(new CalibrateCommand(content));
        Subcommands.Add(new ValidateCommand(content));
        Subcommands.Add(new TeamsPackageCommand());
        Subcommands.Add(new Curation.CurationCommand(content));
    }
}
