using System.Xml.Linq;
using Microneedling.FactCheck;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.PublicPages;

/// <summary>
/// The public fact-check pages: <c>/claims</c> (the index), <c>/claims/{id}</c> (one fact-check with
/// its ClaimReview JSON-LD), <c>/sitemap.xml</c> and <c>/robots.txt</c>. Server-rendered Razor
/// components (static rendering, no script): search engines read ClaimReview only from a public
/// page that hosts the fact-check, and a link shared in Teams or elsewhere needs a page to preview.
/// </summary>
internal static class PublicPageEndpoints
{
    private static readonly XNamespace SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IServiceCollection AddPublicPages(this IServiceCollection services)
    {
        services.AddOptions<PublicPagesOptions>().BindConfiguration(PublicPagesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicPagesOptions>, PublicPagesOptionsValidator>();
        services.AddSingleton<SiteAddress>();
        services.AddRazorComponents();
        return services;
    }

    public static IEndpointRouteBuilder MapPublicPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/claims", Index);
        endpoints.MapGet("/claims/{id}", Page);
        endpoints.MapGet("/sitemap.xml", Sitemap);
        endpoints.MapGet("/robots.txt", Robots);
        return endpoints;
    }

    private static RazorComponentResult<ClaimIndexPage> Index(HttpContext http, FactChecker engine, SiteAddress address, IOptions<PublicPagesOptions> options)
    {
        Cacheable(http);
        return new RazorComponentResult<ClaimIndexPage>(new Dictionary<string, object?>
        {
            [nameof(ClaimIndexPage.Claims)] = engine.Claims.All,
            [nameof(ClaimIndexPage.Site)] = address.Base(http.Request),
            [nameof(ClaimIndexPage.SiteName)] = options.Value.Organization.Name,
        });
    }

    // Any id that is not a claim's is a 404, whatever it holds (dots, slashes, control characters,
    // megabytes): it is only ever a dictionary key, never a path.
    private static Results<RazorComponentResult<ClaimPage>, ProblemHttpResult> Page(string id, HttpContext http, FactChecker engine, SiteAddress address, IOptions<PublicPagesOptions> options)
    {
        if (engine.Claims.Find(id) is not { } claim)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no fact-check with this id.");
        var site = address.Base(http.Request);
        var page = SiteAddress.ClaimPage(site, claim.Id);
        var organization = options.Value.Organization;
        var appearance = engine.Articles.FirstOrDefault(a => a.ClaimIds.Contains(claim.Id, StringComparer.Ordinal));
        Cacheable(http);
        return new RazorComponentResult<ClaimPage>(new Dictionary<string, object?>
        {
            [nameof(ClaimPage.Claim)] = claim,
            [nameof(ClaimPage.Related)] = claim.Related.Select(engine.Claims.Find).OfType<Claim>().ToList(),
            [nameof(ClaimPage.Appearance)] = appearance,
            [nameof(ClaimPage.Site)] = site,
            [nameof(ClaimPage.PageUrl)] = page,
            [nameof(ClaimPage.SiteName)] = organization.Name,
            [nameof(ClaimPage.JsonLd)] = ClaimReviewJsonLd.For(claim, page, site, organization, appearance).ToJsonString(),
        });
    }

    private static IResult Sitemap(HttpContext http, FactChecker engine, SiteAddress address)
    {
        var site = address.Base(http.Request);
        var claims = engine.Claims.All;
        var newest = claims.Count > 0 ? claims.Max(c => c.LastReviewed) : (DateOnly?)null;
        var urls = claims.Select(c => Url(SiteAddress.ClaimPage(site, c.Id), c.LastReviewed)).Prepend(Url(SiteAddress.Index(site), newest));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(SitemapNs + "urlset", urls));
        Cacheable(http);
        return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
    }

    private static XElement Url(Uri location, DateOnly? lastModified)
    {
        var url = new XElement(SitemapNs + "url", new XElement(SitemapNs + "loc", location.AbsoluteUri));
        if (lastModified is { } date) url.Add(new XElement(SitemapNs + "lastmod", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        return url;
    }

    // The bot's protocol endpoints and the curators' page are not for crawlers; the fact-checks are.
    private static IResult Robots(HttpContext http, SiteAddress address) =>
        Results.Text(
            $"User-agent: *\nAllow: /claims\nDisallow: /api/\nDisallow: /v3/\nDisallow: /curation\n\nSitemap: {SiteAddress.Sitemap(address.Base(http.Request)).AbsoluteUri}\n",
            "text/plain; charset=utf-8");

    // Short, so a corrected claim reaches readers within minutes of being published.
    private static void Cacheable(HttpContext http) => http.Response.Headers.CacheControl = "public, max-age=300";
}
