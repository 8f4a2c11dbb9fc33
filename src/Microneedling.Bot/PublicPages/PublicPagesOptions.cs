namespace Microneedling.Bot.PublicPages;

/// <summary>
/// The public fact-check pages (<c>/claims</c>), bound from the "PublicPages" section and validated at
/// start-up.
/// </summary>
internal sealed class PublicPagesOptions
{
    public const string Section = "PublicPages";

    /// <summary>
    /// The absolute base URL the pages are published under (canonical, Open Graph and sitemap links,
    /// the ClaimReview <c>url</c>, the chat cards' "Read the full fact-check" link). Unset: the
    /// request's own scheme and host (after X-Forwarded-*), and the cards carry no link.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The organisation that publishes the fact-checks: the ClaimReview <c>author</c>.</summary>
    public PublishingOrganization Organization { get; set; } = new();

    /// <summary>The configured base URL without a trailing slash, or null when unset.</summary>
    public Uri? Base => string.IsNullOrWhiteSpace(BaseUrl) ? null : new Uri(BaseUrl.TrimEnd('/'), UriKind.Absolute);

    /// <summary>Whether the values make sense; a message per problem.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl))
        {
            if (!IsWebAddress(BaseUrl, out var url))
                yield return $"PublicPages:BaseUrl '{BaseUrl}' must be an absolute http(s) URL.";
            else if (url.Query.Length > 0 || url.Fragment.Length > 0)
                yield return "PublicPages:BaseUrl must not have a query or fragment.";
        }
        if (string.IsNullOrWhiteSpace(Organization.Name))
            yield return "PublicPages:Organization:Name is required: it is the author of every published fact-check.";
        if (!string.IsNullOrWhiteSpace(Organization.Url) && !IsWebAddress(Organization.Url, out _))
            yield return $"PublicPages:Organization:Url '{Organization.Url}' must be an absolute http(s) URL.";
    }

    private static bool IsWebAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "https" or "http";
}

/// <summary>The publisher named as the author of the fact-checks.</summary>
internal sealed class PublishingOrganization
{
    public string Name { get; set; } = "";

    /// <summary>The organisation's home page (optional; the pages' base URL when unset).</summary>
    public string? Url { get; set; }
}
