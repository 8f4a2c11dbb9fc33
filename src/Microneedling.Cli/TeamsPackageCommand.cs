using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Microneedling.Cli;

/// <summary>
/// <c>teams-package --app-id GUID --out FILE.zip [--domain HOST] ...</c>: fills
/// deploymentTemplates/teams/manifest.template.json and zips it with the two icons (<see cref="TeamsManifest"/>),
/// ready to upload to Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.
/// </summary>
/// <remarks>
/// The options are plain strings checked by <see cref="TeamsPackageOptions.Validate"/> in a command validator, so
/// a bad value is a parse error (exit 2) with the same messages as before, "--out is required" included.
/// Exit codes: 0 written, 1 template or output problem, 2 usage error.
/// </remarks>
internal sealed class TeamsPackageCommand : Command
{
    private readonly List<Option<string>> _options =
    [
        Text("--app-id", "GUID", "The bot's Microsoft App ID (app registration client id, or the managed identity's client id). Required."),
        Text("--out", "FILE.zip", "Where to write the package (manifest.json, color.png, outline.png). Required."),
        Text("--domain", "HOST", "The bot's host name, e.g. mybot.azurewebsites.net (goes into validDomains and the default URLs)."),
        Text("--public-pages-url", "URL", "The https:// base URL of the public claim pages (the bot's PublicPages:BaseUrl); Teams unfurls " +
                                           "links to its /claims/{id} pages through the bot (default https://HOST/ with --domain; without either, no link unfurling)."),
        Text("--app-version", "X.Y.Z", "Manifest version; raise it for every update you upload (default 1.0.0)."),
        Text("--developer-name", "NAME", "Shown in the Teams store listing (default \"Microneedling Fact Check\", at most 32 characters)."),
        Text("--website-url", "URL", "https:// URL (default https://HOST/ with --domain)."),
        Text("--privacy-url", "URL", "https:// URL (default: the website URL)."),
        Text("--terms-url", "URL", "https:// URL (default: the website URL)."),
        Text("--template-dir", "DIR", "Folder holding manifest.template.json and the icons (default: deploymentTemplates/teams, " +
                                      "found by walking up from the working directory, then from the executable's directory)."),
    ];

    public TeamsPackageCommand()
        : base("teams-package", "Write the Teams app package: the manifest filled from deploymentTemplates/teams/manifest.template.json, and its two icons.")
    {
        foreach (var option in _options) Options.Add(option);
        Validators.Add(result =>
        {
            var errors = new List<string>();
            TeamsPackageOptions.Validate(Given(result), errors);
            foreach (var error in errors) result.AddError(error);
        });
        SetAction(Run);
    }

    private static Option<string> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    /// <summary>The options given on the command line, by name (an option not given has no entry).</summary>
    private Dictionary<string, string> Given(CommandResult result)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in _options)
        {
            if (result.GetResult(option) is { Implicit: false } given && given.Tokens.Count > 0) values[option.Name] = given.Tokens[^1].Value;
        }
        return values;
    }

    private int Run(ParseResult parse)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        // The validator has accepted them, so they are there.
        var options = TeamsPackageOptions.Validate(Given(parse.CommandResult), []) ?? throw new InvalidOperationException("options not validated");

        var templateDirectory = options.TemplateDirectory ?? TeamsManifest.FindTemplateDirectory();
        if (templateDirectory is null)
        {
            stderr.WriteLine($"cannot find {TeamsManifest.TemplateRelative}/{TeamsManifest.TemplateFileName} above the working directory or the executable; pass --template-dir.");
            return ExitCodes.Failed;
        }
        var templatePath = Path.Combine(templateDirectory, TeamsManifest.TemplateFileName);
        if (!File.Exists(templatePath))
        {
            stderr.WriteLine($"no {TeamsManifest.TemplateFileName} in {templateDirectory}.");
            return ExitCodes.Failed;
        }

        JsonObject manifest;
        try
        {
            manifest = TeamsManifest.Fill(File.ReadAllText(templatePath), options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            stderr.WriteLine($"{templatePath}: {ex.Message}");
            return ExitCodes.Failed;
        }

        var icons = new List<string>();
        foreach (var key in new[] { "color", "outline" })
        {
            var name = manifest["icons"]?[key]?.GetValue<string>();
            if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
            {
                stderr.WriteLine($"{templatePath}: icons.{key} must name a file next to the template.");
                return ExitCodes.Failed;
            }
            if (!File.Exists(Path.Combine(templateDirectory, name)))
            {
                stderr.WriteLine($"icon {name} (icons.{key}) is missing from {templateDirectory}; run make-icons.py there.");
                return ExitCodes.Failed;
            }
            icons.Add(name);
        }

        try
        {
            TeamsManifest.WriteZip(options.OutputPath, manifest, templateDirectory, icons);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"cannot write {options.OutputPath}: {ex.Message}");
            return ExitCodes.Failed;
        }

        stdout.WriteLine($"wrote {options.OutputPath}: manifest.json (app id {options.AppId:D}, manifest version {manifest["manifestVersion"]}, app version {options.Version}), {string.Join(", ", icons)}");
        if (options.PublicPagesDomain is null) stderr.WriteLine("note: no --domain or --public-pages-url given, so links to the public claim pages are not unfurled.");
        if (options.Domain is null)
        {
            stderr.WriteLine("note: no --domain given, so validDomains is empty" +
                (options.WebsiteUrl == TeamsPackageOptions.PlaceholderWebsite ? $" and the developer URLs are the placeholder {TeamsPackageOptions.PlaceholderWebsite}." : "."));
        }
        return ExitCodes.Ok;
    }
}
