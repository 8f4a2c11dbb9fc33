using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Microneedling.Cli;

/// <summary>
/// <c>teams-package --app-id GUID --out FILE.zip [--domain HOST] ...</c>: fills
/// deploymentTemplates/teams/manifest.template.json and zips it with the two icons, ready to upload to
/// Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.
/// </summary>
/// <remarks>
/// The template folder is found like the claim content (see <see cref="ContentPaths"/>): walking up from the
/// working directory, then from the executable's directory, looking for deploymentTemplates/teams;
/// <c>--template-dir</c> overrides both. Exit codes: 0 written, 1 template or output problem, 2 usage error.
/// </remarks>
internal static partial class TeamsPackageCommand
{
    public const string TemplateRelative = "deploymentTemplates/teams";
    public const string TemplateFileName = "manifest.template.json";

    public const string Usage = """
        usage: microneedling teams-package --app-id GUID --out FILE.zip [options]

          --app-id GUID          the bot's Microsoft App ID (app registration client id, or the managed identity's client id)
          --out FILE.zip         where to write the package (manifest.json, color.png, outline.png)
          --domain HOST          the bot's host name, e.g. mybot.azurewebsites.net (goes into validDomains and the default URLs)
          --app-version X.Y.Z    manifest version; raise it for every update you upload (default 1.0.0)
          --developer-name NAME  shown in the Teams store listing (default "Microneedling Fact Check", at most 32 characters)
          --website-url URL      https URL (default https://HOST/ with --domain)
          --privacy-url URL      https URL (default: the website URL)
          --terms-url URL        https URL (default: the website URL)
          --template-dir DIR     folder holding manifest.template.json and the icons (default: deploymentTemplates/teams, found
                                 by walking up from the working directory, then from the executable's directory)
        """;

    private const string PlaceholderWebsite = "https://example.com/";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        // The manifest is a file, never embedded in HTML: keep apostrophes and '+' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The values that replace the template's {{PLACEHOLDERS}}.</summary>
    internal sealed record Options(
        Guid AppId,
        string OutputPath,
        string? Domain,
        string Version,
        string DeveloperName,
        string WebsiteUrl,
        string PrivacyUrl,
        string TermsUrl,
        string? TemplateDirectory);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        if (!TryParse(args, stderr, out var options))
        {
            stderr.WriteLine(Usage);
            return 2;
        }

        var templateDirectory = options.TemplateDirectory ?? FindTemplateDirectory();
        if (templateDirectory is null)
        {
            stderr.WriteLine($"cannot find {TemplateRelative}/{TemplateFileName} above the working directory or the executable; pass --template-dir.");
            return 1;
        }
        var templatePath = Path.Combine(templateDirectory, TemplateFileName);
        if (!File.Exists(templatePath))
        {
            stderr.WriteLine($"no {TemplateFileName} in {templateDirectory}.");
            return 1;
        }

        JsonObject manifest;
        try
        {
            manifest = Fill(File.ReadAllText(templatePath), options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            stderr.WriteLine($"{templatePath}: {ex.Message}");
            return 1;
        }

        var icons = new List<string>();
        foreach (var key in new[] { "color", "outline" })
        {
            var name = manifest["icons"]?[key]?.GetValue<string>();
            if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
            {
                stderr.WriteLine($"{templatePath}: icons.{key} must name a file next to the template.");
                return 1;
            }
            if (!File.Exists(Path.Combine(templateDirectory, name)))
            {
                stderr.WriteLine($"icon {name} (icons.{key}) is missing from {templateDirectory}; run make-icons.py there.");
                return 1;
            }
            icons.Add(name);
        }

        try
        {
            WriteZip(options.OutputPath, manifest, templateDirectory, icons);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"cannot write {options.OutputPath}: {ex.Message}");
            return 1;
        }

        stdout.WriteLine($"wrote {options.OutputPath}: manifest.json (app id {options.AppId:D}, manifest version {manifest["manifestVersion"]}, app version {options.Version}), {string.Join(", ", icons)}");
        if (options.Domain is null)
        {
            stderr.WriteLine("note: no --domain given, so validDomains is empty" +
                (options.WebsiteUrl == PlaceholderWebsite ? $" and the developer URLs are the placeholder {PlaceholderWebsite}." : "."));
        }
        return 0;
    }

    /// <summary>Walks up from the working directory, then from the executable's directory.</summary>
    public static string? FindTemplateDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, TemplateRelative);
                if (File.Exists(Path.Combine(candidate, TemplateFileName))) return candidate;
            }
        }
        return null;
    }

    /// <summary>Replaces every {{PLACEHOLDER}} in the template's string values; fails on any it does not know.</summary>
    internal static JsonObject Fill(string templateJson, Options options)
    {
        var root = JsonNode.Parse(templateJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            as JsonObject ?? throw new InvalidDataException("the template is not a JSON object.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP_ID"] = options.AppId.ToString("D"),
            ["DOMAIN"] = options.Domain ?? "",
            ["VERSION"] = options.Version,
            ["DEVELOPER_NAME"] = options.DeveloperName,
            ["WEBSITE_URL"] = options.WebsiteUrl,
            ["PRIVACY_URL"] = options.PrivacyUrl,
            ["TERMS_URL"] = options.TermsUrl,
        };

        // Without a domain the validDomains entry that is only the placeholder goes away (a bot needs none).
        if (options.Domain is null && root["validDomains"] is JsonArray domains)
        {
            for (var i = domains.Count - 1; i >= 0; i--)
            {
                if (domains[i]?.GetValueKind() == JsonValueKind.String && domains[i]!.GetValue<string>() == "{{DOMAIN}}") domains.RemoveAt(i);
            }
        }
        Replace(root, values);
        return root;
    }

    private static void Replace(JsonNode node, Dictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is { } child) ReplaceChild(child, values, v => obj[key] = v);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    if (array[i] is { } child) ReplaceChild(child, values, v => array[index] = v);
                }
                break;
        }
    }

    private static void ReplaceChild(JsonNode child, Dictionary<string, string> values, Action<string> set)
    {
        if (child.GetValueKind() != JsonValueKind.String)
        {
            Replace(child, values);
            return;
        }
        var text = child.GetValue<string>();
        if (!text.Contains("{{", StringComparison.Ordinal)) return;
        set(PlaceholderPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidDataException($"unknown placeholder {m.Value} (known: {string.Join(", ", values.Keys.Select(k => "{{" + k + "}}"))}).")));
    }

    private static void WriteZip(string outputPath, JsonObject manifest, string templateDirectory, List<string> icons)
    {
        var full = Path.GetFullPath(outputPath);
        if (Directory.Exists(full)) throw new IOException("it is a directory.");
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

        // Build next to the target, then move, so a failed run never leaves half a package behind.
        var temp = full + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                var entry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
                using (var writer = new StreamWriter(entry.Open(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    writer.Write(manifest.ToJsonString(WriteOptions));
                    writer.Write('\n');
                }
                foreach (var icon in icons)
                {
                    zip.CreateEntryFromFile(Path.Combine(templateDirectory, icon), icon, CompressionLevel.Optimal);
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static bool TryParse(string[] args, TextWriter stderr, out Options options)
    {
        options = null!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "--app-id", "--out", "--domain", "--app-version", "--developer-name", "--website-url", "--privacy-url", "--terms-url", "--template-dir",
        };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!known.Contains(name))
            {
                stderr.WriteLine(name.StartsWith('-') ? $"unknown option '{name}'." : $"unexpected argument '{name}'.");
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                stderr.WriteLine($"{name} needs a value.");
                return false;
            }
            if (!values.TryAdd(name, args[++i]))
            {
                stderr.WriteLine($"{name} is given twice.");
                return false;
            }
        }

        var ok = true;
        if (!values.TryGetValue("--app-id", out var appIdText))
        {
            stderr.WriteLine("--app-id is required: the bot's Microsoft App ID (a GUID such as 4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f).");
            ok = false;
        }
        var appId = Guid.Empty;
        if (appIdText is not null && (!Guid.TryParseExact(appIdText.Trim(), "D", out appId) || appId == Guid.Empty))
        {
            stderr.WriteLine($"--app-id '{appIdText}' is not a GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (and not all zeros).");
            ok = false;
        }
        if (!values.TryGetValue("--out", out var output) || string.IsNullOrWhiteSpace(output))
        {
            stderr.WriteLine("--out is required: the .zip file to write.");
            ok = false;
        }

        string? domain = null;
        if (values.TryGetValue("--domain", out var domainText))
        {
            domain = NormalizeDomain(domainText);
            if (domain is null)
            {
                stderr.WriteLine($"--domain '{domainText}' is not a host name such as mybot.azurewebsites.net.");
                ok = false;
            }
        }

        var version = values.GetValueOrDefault("--app-version", "1.0.0");
        if (!SemverPattern().IsMatch(version))
        {
            stderr.WriteLine($"--app-version '{version}' must be MAJOR.MINOR.PATCH, e.g. 1.0.1.");
            ok = false;
        }

        var developer = values.GetValueOrDefault("--developer-name", "Microneedling Fact Check");
        if (developer.Length is 0 or > 32)
        {
            stderr.WriteLine("--developer-name must have 1 to 32 characters.");
            ok = false;
        }

        var website = CheckUrl(values, "--website-url", domain is null ? PlaceholderWebsite : $"https://{domain}/", stderr, ref ok);
        var privacy = CheckUrl(values, "--privacy-url", website, stderr, ref ok);
        var terms = CheckUrl(values, "--terms-url", website, stderr, ref ok);

        if (!ok) return false;
        options = new Options(appId, output!, domain, version, developer, website, privacy, terms, values.GetValueOrDefault("--template-dir"));
        return true;
    }

    private static string CheckUrl(Dictionary<string, string> values, string name, string fallback, TextWriter stderr, ref bool ok)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps) return text;
        stderr.WriteLine($"{name} '{text}' must be an absolute https:// URL.");
        ok = false;
        return fallback;
    }

    /// <summary>Accepts a bare host name, or a URL (its host is taken). Returns null when it is neither.</summary>
    internal static string? NormalizeDomain(string text)
    {
        var value = text.Trim();
        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length > 0)) return null;
            value = uri.Host;
        }
        value = value.TrimEnd('.');
        return value.Length is > 0 and <= 253 && Uri.CheckHostName(value) == UriHostNameType.Dns && value.Contains('.', StringComparison.Ordinal)
            ? value.ToLowerInvariant()
            : null;
    }

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemverPattern();
}
