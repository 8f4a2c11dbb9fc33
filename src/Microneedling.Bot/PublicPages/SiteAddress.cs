using Microsoft.Extensions.Options;

namespace Microneedling.Bot.PublicPages;

/// <summary>
/// Absolute URLs of the public pages: under <see cref="PublicPagesOptions.BaseUrl"/> when configured,
/// else under the request's scheme, host and path base (already rewritten from X-Forwarded-* by the
/// forwarded-headers middleware), so canonical links and the ClaimReview <c>url</c> are always on
/// the host that serves the page, as Google requires.
/// </summary>
internal sealed class SiteAddress(IOptions<PublicPagesOptions> options)
{
    public Uri Base(HttpRequest request) =>
        options.Value.Base ?? new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}", UriKind.Absolute);

    public static Uri Index(Uri site) => Under(site, "claims");

    public static Uri ClaimPage(Uri site, string claimId) => Under(site, "claims/" + Uri.EscapeDataString(claimId));

    public static Uri Sitemap(Uri site) => Under(site, "sitemap.xml");

    // Uri adds a "/" to a bare host ("https://example.org/"), and a base may have a path of its own.
    private static Uri Under(Uri site, string path) => new(site.AbsoluteUri.TrimEnd('/') + "/" + path, UriKind.Absolute);
}
