using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Microneedling.Cli;

/// <summary>
/// The Teams app package: deploymentTemplates/teams/manifest.template.json with its {{PLACEHOLDERS}} filled,
/// zipped with the two icons it names.
/// </summary>
internal static partial class TeamsManifest
{
    public const string TemplateRelative = "deploymentTemplates/teams";
    public const string TemplateFileName = "manifest.template.json";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        // The manifest is a file, never embedded in HTML: keep apostrophes and '+' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The template folder, found like the claim content (see <see cref="ContentPaths"/>): walking up from the
    /// working directory, then from the executable's directory.
    /// </summary>
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
    public static JsonObject Fill(string templateJson, TeamsPackageOptions options)
    {
        var root = JsonNode.Parse(templateJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            as JsonObject ?? throw new InvalidDataException("the template is not a JSON object.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP_ID"] = options.AppId.ToString("D"),
            ["DOMAIN"] = options.Domain ?? "",
            ["PUBLIC_PAGES_DOMAIN"] = options.PublicPagesDomain ?? "",
            ["VERSION"] = options.Version,
            ["DEVELOPER_NAME"] = options.DeveloperName,
            ["WEBSITE_URL"] = options.WebsiteUrl,
            ["PRIVACY_URL"] = options.PrivacyUrl,
            ["TERMS_URL"] = options.TermsUrl,
        };

        // A list entry that is only the placeholder of a domain not given goes away (a bot needs no
        // validDomains), and so does a link handler left with no domain (no public pages: nothing to unfurl).
        foreach (var (name, value) in values)
        {
            if (value.Length == 0) RemoveListEntries(root, "{{" + name + "}}");
        }
        if (root["composeExtensions"] is JsonArray extensions)
        {
            foreach (var extension in extensions.OfType<JsonObject>())
            {
                if (extension["messageHandlers"] is not JsonArray handlers) continue;
                for (var i = handlers.Count - 1; i >= 0; i--)
                {
                    if (handlers[i]?["value"]?["domains"] is JsonArray { Count: 0 }) handlers.RemoveAt(i);
                }
                if (handlers.Count == 0) extension.Remove("messageHandlers");
            }
        }
        Replace(root, values);
        // The bot's host and the public pages' host are often the same: list it once.
        if (root["validDomains"] is JsonArray domains)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < domains.Count; i++)
            {
                if (domains[i]?.GetValueKind() == JsonValueKind.String && !seen.Add(domains[i]!.GetValue<string>())) domains.RemoveAt(i--);
            }
        }
        return root;
    }

    private static void RemoveListEntries(JsonNode node, string placeholder)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().ToList()) RemoveListEntries(child, placeholder);
                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is { } item && item.GetValueKind() == JsonValueKind.String && item.GetValue<string>() == placeholder) array.RemoveAt(i);
                    else if (array[i] is { } child) RemoveListEntries(child, placeholder);
                }
                break;
        }
    }

    /// <summary>Writes manifest.json and the icons at the root of the zip; a failed run leaves no file behind.</summary>
    public static void WriteZip(string outputPath, JsonObject manifest, string templateDirectory, List<string> icons)
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

    [GeneratedRegex(@"\{\{([A-Z_]+)\}\}")]
    private static partial Regex PlaceholderPattern();
}
