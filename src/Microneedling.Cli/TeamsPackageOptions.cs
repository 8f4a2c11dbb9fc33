using System.Text.RegularExpressions;

namespace Microneedling.Cli;

/// <summary>
/// The values that replace the manifest template's {{PLACEHOLDERS}}, checked the way Teams will check them:
/// every mistake is reported, not just the first.
/// </summary>
internal sealed partial record TeamsPackageOptions(
    Guid AppId,
    string OutputPath,
    string? Domain,
    string Version,
    string DeveloperName,
    string WebsiteUrl,
    string PrivacyUrl,
    string TermsUrl,
    string? TemplateDirectory)
{
    /// <summary>
    /// The host of the public claim pages (<c>PublicPages:BaseUrl</c>), whose links Teams unfurls through the bot:
    /// it goes into the message extension's link handler and validDomains. Null: no link unfurling.
    /// </summary>
    public string? PublicPagesDomain { get; init; }

    /// <summary>The developer URLs without --domain or --website-url; the command warns when they stay.</summary>
    public const string PlaceholderWebsite = "https://example.com/";

    /// <summary>
    /// Checks the option values given (option name → value; an absent key means not given) and returns the
    /// options, or null with the reasons added to <paramref name="errors"/>.
    /// </summary>
    public static TeamsPackageOptions? Validate(IReadOnlyDictionary<string, string> values, List<string> errors)
    {
        var before = errors.Count;
        if (!values.TryGetValue("--app-id", out var appIdText))
            errors.Add("--app-id is required: the bot's Microsoft App ID (a GUID such as 4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f).");
        var appId = Guid.Empty;
        if (appIdText is not null && (!Guid.TryParseExact(appIdText.Trim(), "D", out appId) || appId == Guid.Empty))
            errors.Add($"--app-id '{appIdText}' is not a GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (and not all zeros).");
        if (!values.TryGetValue("--out", out var output) || string.IsNullOrWhiteSpace(output))
            errors.Add("--out is required: the .zip file to write.");

        string? domain = null;
        if (values.TryGetValue("--domain", out var domainText))
        {
            domain = NormalizeDomain(domainText);
            if (domain is null) errors.Add($"--domain '{domainText}' is not a host name such as mybot.azurewebsites.net.");
        }

        var version = values.GetValueOrDefault("--app-version", "1.0.0");
        if (!SemverPattern().IsMatch(version)) errors.Add($"--app-version '{version}' must be MAJOR.MINOR.PATCH, e.g. 1.0.1.");

        var developer = values.GetValueOrDefault("--developer-name", "Microneedling Fact Check");
        if (developer.Length is 0 or > 32) errors.Add("--developer-name must have 1 to 32 characters.");

        var website = CheckUrl(values, "--website-url", domain is null ? PlaceholderWebsite : $"https://{domain}/", errors);
        var privacy = CheckUrl(values, "--privacy-url", website, errors);
        var terms = CheckUrl(values, "--terms-url", website, errors);

        // The public pages default to the bot's own host (the host serves /claims/{id}).
        var pagesDomain = domain;
        if (values.TryGetValue("--public-pages-url", out var pagesText))
        {
            pagesDomain = Uri.TryCreate(pagesText, UriKind.Absolute, out var pages) && pages.Scheme == Uri.UriSchemeHttps && pages.Query.Length == 0
                ? NormalizeDomain(pages.Host)
                : null;
            if (pagesDomain is null) errors.Add($"--public-pages-url '{pagesText}' must be the https:// base URL of the public claim pages (PublicPages:BaseUrl), e.g. https://factcheck.example.org/.");
        }

        if (errors.Count > before) return null;
        return new TeamsPackageOptions(appId, output!, domain, version, developer, website, privacy, terms, values.GetValueOrDefault("--template-dir"))
        {
            PublicPagesDomain = pagesDomain,
        };
    }

    private static string CheckUrl(IReadOnlyDictionary<string, string> values, string name, string fallback, List<string> errors)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps) return text;
        errors.Add($"{name} '{text}' must be an absolute https:// URL.");
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

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemverPattern();
}
