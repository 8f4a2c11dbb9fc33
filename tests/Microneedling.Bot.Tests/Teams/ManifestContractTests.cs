using System.Text.Json.Nodes;
using Microneedling.Dialogs.Teams;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// The command ids Teams sends are the ones the manifest template declares: a rename on one side only
/// would make every search and message action a 400.
/// </summary>
public sealed class ManifestContractTests
{
    private static JsonObject Template()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "deploymentTemplates", "teams", "manifest.template.json");
            if (File.Exists(path)) return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }
        throw new FileNotFoundException("deploymentTemplates/teams/manifest.template.json not found above the test binaries");
    }

    [Fact]
    public void The_manifest_declares_the_commands_and_parameter_the_bot_answers()
    {
        var commands = Template()["composeExtensions"]![0]!["commands"]!.AsArray();
        var search = commands.Single(c => (string?)c!["type"] == "query")!;
        Assert.Equal(TeamsCommands.Search, (string?)search["id"]);
        Assert.Equal(TeamsCommands.SearchParameter, (string?)search["parameters"]![0]!["name"]);
        var action = commands.Single(c => (string?)c!["type"] == "action")!;
        Assert.Equal(TeamsCommands.CheckMessage, (string?)action["id"]);
        Assert.Equal(MessageCheckAction.Title, (string?)action["title"]);
    }
}
