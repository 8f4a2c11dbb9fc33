using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Microneedling.Deployment.Tests;

/// <summary><c>microneedling teams-package</c>, run as a process from outside the checkout.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string AppId = "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f";
    private const string Domain = "microneedling-bot.azurewebsites.net";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private CliRunner.Result Run(params string[] args) => CliRunner.Run(_temp.Path, ["teams-package", .. args]);

    private static Dictionary<string, byte[]> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private Dictionary<string, byte[]> Package(params string[] extra)
    {
        var output = _temp.File("app.zip");
        var result = Run(["--app-id", AppId, "--out", output, .. extra]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("wrote", result.Stdout, StringComparison.Ordinal);
        return ReadZip(output);
    }

    private static JsonObject Manifest(Dictionary<string, byte[]> package) => JsonNode.Parse(package["manifest.json"])!.AsObject();

    [Fact]
    public void The_package_holds_the_manifest_and_both_icons_at_its_root()
    {
        var package = Package("--domain", Domain);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], package.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.TeamsTemplateDirectory, "color.png")), package["color.png"]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.TeamsTemplateDirectory, "outline.png")), package["outline.png"]);
    }

    [Fact]
    public void The_manifest_uses_the_app_id_for_the_app_and_the_bot_and_the_domain()
    {
        var manifest = Manifest(Package("--domain", "https://Microneedling-Bot.azurewebsites.net/"));
        Assert.Equal(AppId, (string?)manifest["id"]);
        var bot = manifest["bots"]!.AsArray().Single()!;
        Assert.Equal(AppId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal([Domain], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal($"https://{Domain}/", (string?)manifest["developer"]!["websiteUrl"]);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_keeps_to_the_limits_teams_enforces_beyond_the_schema()
    {
        var manifest = Manifest(Package("--domain", Domain));
        Assert.InRange(((string?)manifest["name"]!["short"])!.Length, 1, 30);
        var commands = manifest["bots"]![0]!["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).ToList();
        Assert.InRange(commands.Count, 3, 10);
        foreach (var command in commands)
        {
            Assert.InRange(((string?)command!["title"])!.Length, 1, 32);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_manifest_validates_against_the_official_teams_schema(bool withDomain)
    {
        var manifest = Manifest(withDomain ? Package("--domain", Domain) : Package());
        var version = (string)manifest["manifestVersion"]!;
        Assert.Equal($"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", (string?)manifest["$schema"]);

        var schemaPath = Path.Combine(RepoPaths.TeamsSchemas, $"v{version}", "MicrosoftTeams.schema.json");
        Assert.True(File.Exists(schemaPath), $"{schemaPath} is missing: the test project's build restores it with npm ci (teams-schema/)");
        var schema = await JsonSchema.FromFileAsync(schemaPath);
        var errors = schema.Validate(manifest.ToJsonString());
        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind} {e}"));
    }

    [Fact]
    public async Task The_schema_check_itself_catches_a_broken_manifest()
    {
        var manifest = Manifest(Package("--domain", Domain));
        manifest["id"] = "not-a-guid";
        manifest["bots"]![0]!["scopes"] = new JsonArray("everywhere");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.TeamsSchemas, $"v{manifest["manifestVersion"]}", "MicrosoftTeams.schema.json"));
        Assert.True(schema.Validate(manifest.ToJsonString()).Count >= 2);
    }

    [Fact]
    public void Without_a_domain_valid_domains_is_empty_and_a_note_says_so()
    {
        var output = _temp.File("nodomain.zip");
        var result = Run("--app-id", AppId, "--out", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no --domain", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Manifest(ReadZip(output))["validDomains"]!.AsArray());
    }

    [Fact]
    public void Developer_details_and_version_can_be_set()
    {
        var manifest = Manifest(Package("--domain", Domain, "--app-version", "1.2.3", "--developer-name", "Skin Clinic \"Ltd\"",
            "--privacy-url", "https://clinic.example/privacy", "--terms-url", "https://clinic.example/terms"));
        Assert.Equal("1.2.3", (string?)manifest["version"]);
        Assert.Equal("Skin Clinic \"Ltd\"", (string?)manifest["developer"]!["name"]);
        Assert.Equal("https://clinic.example/privacy", (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal("https://clinic.example/terms", (string?)manifest["developer"]!["termsOfUseUrl"]);
    }

    [Fact]
    public void The_icons_have_the_sizes_teams_requires_and_the_outline_is_white_on_transparent()
    {
        var package = Package("--domain", Domain);
        var manifest = Manifest(package);
        var color = Png.Read(package[(string)manifest["icons"]!["color"]!]);
        var outline = Png.Read(package[(string)manifest["icons"]!["outline"]!]);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));

        Assert.Equal(6, outline.ColorType); // RGBA: it carries an alpha channel
        var pixels = outline.RgbaRows().SelectMany(row => row.Chunk(4)).ToList();
        Assert.Contains(pixels, p => p[3] == 0);   // transparent background
        Assert.Contains(pixels, p => p[3] == 255); // a solid glyph
        Assert.All(pixels.Where(p => p[3] > 0), p => Assert.Equal([255, 255, 255], p[..3])); // white only
    }

    [Fact]
    public void The_template_is_found_from_the_executable_when_run_outside_the_checkout()
    {
        // Working directory is a temp folder, so only the walk up from the executable can find the template.
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "deploymentTemplates")));
        Assert.NotEmpty(Package());
    }

    [Fact]
    public void Template_dir_overrides_the_search()
    {
        var custom = Directory.CreateDirectory(_temp.File("custom")).FullName;
        foreach (var file in new[] { "color.png", "outline.png" })
        {
            File.Copy(Path.Combine(RepoPaths.TeamsTemplateDirectory, file), Path.Combine(custom, file));
        }
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.TeamsTemplateDirectory, "manifest.template.json")))!;
        template["name"]!["short"] = "Custom Name";
        File.WriteAllText(Path.Combine(custom, "manifest.template.json"), template.ToJsonString());

        var manifest = Manifest(Package("--template-dir", custom));
        Assert.Equal("Custom Name", (string?)manifest["name"]!["short"]);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("4f5a8c3e1d2b4c6a9e7f0a1b2c3d4e5f")]
    [InlineData("{4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    public void A_bad_app_id_is_a_usage_error(string appId)
    {
        var output = _temp.File("bad.zip");
        var result = Run("--app-id", appId, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GUID", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--app-id", AppId)]                                            // no --out
    [InlineData("--out", "x.zip")]                                             // no --app-id
    [InlineData("--app-id", AppId, "--out")]                                   // --out without value
    [InlineData("--app-id", AppId, "--out", "x.zip", "--colour", "red")]       // unknown option
    [InlineData("--app-id", AppId, "--out", "x.zip", "stray")]                 // stray argument
    [InlineData("--app-id", AppId, "--app-id", AppId, "--out", "x.zip")]       // twice
    [InlineData("--app-id", AppId, "--out", "x.zip", "--domain", "not a host")]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--domain", "https://bot.example.com/api/messages")]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--app-version", "1.0")]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--website-url", "http://insecure.example.com/")]
    [InlineData("--app-id", AppId, "--out", "x.zip", "--developer-name", "A developer name far longer than thirty-two characters")]
    public void Bad_usage_exits_with_2_and_explains(params string[] args)
    {
        var result = Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: microneedling teams-package", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("x.zip")));
    }

    [Fact]
    public void Missing_out_names_the_option()
    {
        var result = Run("--app-id", AppId);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_output_path_fails_with_1_and_leaves_nothing_behind()
    {
        // A path below a regular file cannot be created, whoever runs the tests (root included).
        var blocker = _temp.File("blocker");
        File.WriteAllText(blocker, "not a folder");
        var output = Path.Combine(blocker, "sub", "app.zip");
        var result = Run("--app-id", AppId, "--out", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot write", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_output_path_that_is_a_folder_fails_with_1()
    {
        var result = Run("--app-id", AppId, "--out", _temp.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot write", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_dir_without_a_template_fails_with_1()
    {
        var empty = Directory.CreateDirectory(_temp.File("empty")).FullName;
        var result = Run("--app-id", AppId, "--out", _temp.File("x.zip"), "--template-dir", empty);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("manifest.template.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_in_the_template_fails_with_1()
    {
        var custom = Directory.CreateDirectory(_temp.File("custom")).FullName;
        File.WriteAllText(Path.Combine(custom, "manifest.template.json"), """{ "id": "{{APP_ID}}", "name": { "short": "{{NAME}}" }, "icons": { "color": "color.png", "outline": "outline.png" } }""");
        var result = Run("--app-id", AppId, "--out", _temp.File("x.zip"), "--template-dir", custom);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("{{NAME}}", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("x.zip")));
    }

    [Fact]
    public void The_command_is_listed_in_the_cli_usage()
    {
        var result = CliRunner.Run(_temp.Path, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("teams-package", result.Stdout, StringComparison.Ordinal);

        var help = Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--template-dir", help.Stdout, StringComparison.Ordinal);
    }
}
