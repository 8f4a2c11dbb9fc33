using Microsoft.Extensions.Options;

namespace Microneedling.Dialogs.Rendering;

/// <summary>The "PublicPages" configuration section: where the public claim pages are served.</summary>
public sealed record PublicPagesOptions
{
    public const string Section = "PublicPages";

    /// <summary>The site's base URL (e.g. https://factcheck.example.org/); empty when there are no public pages.</summary>
    public string? BaseUrl { get; init; }
}

/// <summary>
/// Links to the public claim pages, <c>{PublicPages:BaseUrl}/claims/{id}</c> (the same key the host's
/// pages read), and the way back from such a link to its claim id (for Teams link unfurling). Without a
/// base URL there are no links and no link is ours.
/// </summary>
public sealed class PublicClaimPages
{
    private const string ClaimsSegment = "claims/";

    /// <summary>No public pages configured.</summary>
    public static readonly PublicClaimPages None = new(Options.Create(new PublicPagesOptions()));

    public PublicClaimPages(IOptions<PublicPagesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        BaseUrl = Parse(options.Value.BaseUrl);
    }

    /// <summary>The base URL with a trailing slash, or null when none is configured.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>
    /// The "Read the full fact-check" link of an answer card: only to an https page, since the bot cannot
    /// know its public host from a turn and Teams rejects links that are not https.
    /// </summary>
    public Uri? CardLinkFor(string claimId) => BaseUrl?.Scheme == Uri.UriSchemeHttps ? For(claimId) : null;

    /// <summary>The page of <paramref name="claimId"/>, or null without a base URL.</summary>
    public Uri? For(string claimId) =>
        BaseUrl is null ? null : new Uri(BaseUrl, ClaimsSegment + Uri.EscapeDataString(claimId));

    /// <summary>
    /// The claim id a pasted URL names when it is one of our claim pages (same scheme, host and port, the
    /// base path then <c>claims/{id}</c>, query and fragment ignored); null for anything else.
    /// </summary>
    public string? ClaimIdOf(string? url)
    {
        if (BaseUrl is null || string.IsNullOrEmpty(url) || url.Length > 2048) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var link)) return null;
        if (link.Scheme is not ("http" or "https") || !string.Equals(link.Host, BaseUrl.Host, StringComparison.OrdinalIgnoreCase) || link.Port != BaseUrl.Port)
            return null;
        var prefix = BaseUrl.AbsolutePath + ClaimsSegment;
        var path = link.AbsolutePath;
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var id = Uri.UnescapeDataString(path[prefix.Length..].TrimEnd('/'));
        return id.Length is > 0 and <= 200 && !id.Contains('/', StringComparison.Ordinal) ? id : null;
    }

    /// <summary>Why a configured base URL is unusable, or null when it is fine (or not set).</summary>
    public static string? Problem(PublicPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.BaseUrl) || Parse(options.BaseUrl) is not null
            ? null
            : $"{PublicPagesOptions.Section}:BaseUrl '{options.BaseUrl}' must be an absolute http(s) URL without a query, such as https://factcheck.example.org/.";
    }

    private static Uri? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        if (!value.EndsWith('/')) value += "/";
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;
    }
}
