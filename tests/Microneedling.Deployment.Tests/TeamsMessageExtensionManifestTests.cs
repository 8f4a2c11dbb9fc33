using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Microneedling.Deployment.Tests;

/// <summary>
/// The message extension in the package's manifest: the search command, "Fact-check this message" and the
/// link handler for the public claim pages, checked against the official 1.22 schema from npm.
/// </summary>
public sealed class TeamsMessageExtensionManifestTests : IDisposable
{
    private const string AppId = "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f";
    private const string Domain = "microneedling-bot.azurewebsites.net";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private JsonObject Manifest(params string[] extra)
    {
        var output = _temp.File("app-" + Guid.NewGuid().ToString("N") + ".zip");
        var result = CliRunner.Run(_temp.Path, ["teams-package", "--app-id", AppId, "--out", output, .. extra]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        using var zip = ZipFile.OpenRead(output);
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static JsonObject Extension(JsonObject manifest) => Assert.Single(manifest["composeExtensions"]!.AsArray())!.AsObject();

    private static JsonObject Command(JsonObject manifest, string id) =>
        Extension(manifest)["commands"]!.AsArray().Single(c => (string?)c!["id"] == id)!.AsObject();

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];

    [Fact]
    public void The_search_command_runs_initially_from_the_compose_box_and_the_command_box()
    {
        var manifest = Manifest("--domain", Domain);
        Assert.Equal(AppId, (string?)Extension(manifest)["botId"]);
        var search = Command(manifest, "searchClaims");
        Assert.Equal("query", (string?)search["type"]);
        Assert.True((bool)search["initialRun"]!);
        Assert.Equal(["compose", "commandBox"], Strings(search["context"]));
        Assert.Equal("query", (string?)Assert.Single(search["parameters"]!.AsArray())!["name"]);
    }

    [Fact]
    public void The_message_action_fetches_its_task_module_from_the_bot()
    {
        var check = Command(Manifest("--domain", Domain), "factCheckMessage");
        Assert.Equal("action", (string?)check["type"]);
        Assert.Equal("Fact-check this message", (string?)check["title"]);
        Assert.Equal(["message"], Strings(check["context"]));
        Assert.True((bool)check["fetchTask"]!);
    }

    [Fact]
    public void The_link_handler_names_the_bot_domain_by_default_and_it_is_a_valid_domain()
    {
        var manifest = Manifest("--domain", Domain);
        var handler = Assert.Single(Extension(manifest)["messageHandlers"]!.AsArray())!;
        Assert.Equal("link", (string?)handler["type"]);
        Assert.Equal([Domain], Strings(handler["value"]!["domains"]));
        Assert.Equal([Domain], Strings(manifest["validDomains"]));
    }

    [Fact]
    public void Public_pages_elsewhere_are_the_link_domain_and_are_added_to_valid_domains()
    {
        var manifest = Manifest("--domain", Domain, "--public-pages-url", "https://FactCheck.example.org/");
        Assert.Equal(["factcheck.example.org"], Strings(Extension(manifest)["messageHandlers"]![0]!["value"]!["domains"]));
        Assert.Equal([Domain, "factcheck.example.org"], Strings(manifest["validDomains"]));
    }

    [Fact]
    public void Without_any_domain_there_is_no_link_handler_but_the_commands_stay()
    {
        var manifest = Manifest();
        Assert.Null(Extension(manifest)["messageHandlers"]);
        Assert.Equal(2, Extension(manifest)["commands"]!.AsArray().Count);
        Assert.Empty(manifest["validDomains"]!.AsArray());
    }

    [Theory]
    [InlineData("http://factcheck.example.org/")]
    [InlineData("not a url")]
    [InlineData("https://factcheck.example.org/?x=1")]
    public void A_bad_public_pages_url_is_a_usage_error(string url)
    {
        var result = CliRunner.Run(_temp.Path, "teams-package", "--app-id", AppId, "--out", _temp.File("x.zip"), "--public-pages-url", url);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--public-pages-url", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_manifest_with_the_message_extension_validates_against_the_official_1_22_schema(bool withPublicPages)
    {
        var manifest = withPublicPages ? Manifest("--domain", Domain, "--public-pages-url", "https://factcheck.example.org/") : Manifest();
        Assert.Equal("1.22", (string?)manifest["manifestVersion"]);
        Assert.NotNull(manifest["composeExtensions"]);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.TeamsSchemas, "v1.22", "MicrosoftTeams.schema.json"));
        Assert.Empty(schema.Validate(manifest.ToJsonString()).Select(e => $"{e.Path}: {e.Kind} {e}"));
    }

    [Theory]
    [InlineData("context")]
    [InlineData("handler")]
    [InlineData("title")]
    public async Task The_schema_check_catches_a_broken_message_extension(string broken)
    {
        var manifest = Manifest("--domain", Domain);
        switch (broken)
        {
            case "context": Command(manifest, "factCheckMessage")["context"] = new JsonArray("everywhere"); break;
            case "handler": Extension(manifest)["messageHandlers"]![0]!["type"] = "file"; break;
            default: Command(manifest, "searchClaims")["title"] = new string('x', 33); break;
        }
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.TeamsSchemas, "v1.22", "MicrosoftTeams.schema.json"));
        Assert.NotEmpty(schema.Validate(manifest.ToJsonString()));
    }
}
