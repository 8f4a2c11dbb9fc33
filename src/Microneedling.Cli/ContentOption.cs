using System.CommandLine;

namespace Microneedling.Cli;

/// <summary>
/// The global <c>--content DIR</c>: the content folder (claims/, vocabulary.yaml, red-flags.yaml,
/// matcher-model.json). Recursive, so it is accepted before or after the command name.
/// </summary>
internal sealed class ContentOption : Option<DirectoryInfo>
{
    public ContentOption() : base("--content")
    {
        Description = "The content folder (claims/, vocabulary.yaml, red-flags.yaml, matcher-model.json). " +
                      "Default: $MICRONEEDLING_CONTENT, else src/Microneedling.FactCheck/content above the working directory, " +
                      "else the copy next to the executable.";
        HelpName = "DIR";
        Recursive = true;
        this.AcceptExistingOnly();
    }

    /// <summary>The content folder for this run (see <see cref="ContentPaths"/> for the fallbacks).</summary>
    public string Directory(ParseResult parse) => ContentPaths.ContentDirectory(parse.GetValue(this));
}
