using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microneedling.FactCheck;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests.PublicPages;

/// <summary>The pages, sitemap, robots.txt and answer-card link with PublicPages:BaseUrl and the publisher configured.</summary>
public sealed class PublishedSiteTests(PublishedHostFactory host) : IClassFixture<PublishedHostFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private ClaimSet Claims => host.Services.GetRequiredService<FactChecker>().Claims;

    [Fact]
    public async Task Canonical_og_and_ClaimReview_urls_use_the_configured_base_url_and_publisher()
    {
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims/home-frequency");
        const string expected = PublishedHostFactory.BaseUrl + "/claims/home-frequency";
        Assert.Equal(expected, page.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
        Assert.Equal(expected, PublicPageDocument.Meta(page, "og:url"));
        Assert.Equal(PublishedHostFactory.Organization, PublicPageDocument.Meta(page, "og:site_name"));
        var review = PublicPageDocument.SingleJsonLd(page);
        Assert.Empty(PublicPageDocument.ClaimReviewProblems(review));
        Assert.Equal(expected, (string?)review["url"]);
        Assert.Equal(PublishedHostFactory.Organization, (string?)review["author"]!["name"]);
        Assert.Equal("https://example.org/about", (string?)review["author"]!["url"]);
    }

    [Fact]
    public async Task Sitemap_lists_the_index_and_every_claim_page_with_its_review_date()
    {
        using var response = await host.CreateClient().GetAsync(new Uri("/sitemap.xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var urls = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(Sitemap + "url")
            .ToDictionary(u => (string)u.Element(Sitemap + "loc")!, u => (string?)u.Element(Sitemap + "lastmod"));
        var expected = Claims.All.ToDictionary(c => PublishedHostFactory.BaseUrl + "/claims/" + c.Id, c => (string?)c.LastReviewed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        expected[PublishedHostFactory.BaseUrl + "/claims"] = expected.Values.Max();
        Assert.Equal(expected.OrderBy(p => p.Key), urls.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Robots_txt_allows_the_fact_checks_and_names_the_sitemap()
    {
        var robots = await host.CreateClient().GetStringAsync(new Uri("/robots.txt", UriKind.Relative));
        var lines = robots.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("Allow: /claims", lines);
        Assert.Contains("Disallow: /api/", lines);
        Assert.Contains("Sitemap: " + PublishedHostFactory.BaseUrl + "/sitemap.xml", lines);
    }

    [Fact]
    public async Task Answer_card_links_the_full_fact_check_page()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"]!["id"] = "conv-" + Guid.NewGuid().ToString("N");
        using var response = await host.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative),
            new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var reply = JsonNode.Parse(body)!["activities"]!.AsArray().FirstOrDefault(r => r?["entities"] is JsonArray);
        Assert.True(reply is not null, "no answer among the replies: " + body);
        var claimId = (string)reply["entities"]!.AsArray().Single(e => (string?)e!["@type"] == "ClaimReview")!["identifier"]!;
        var card = reply["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Contains($"\"url\":\"{PublishedHostFactory.BaseUrl}/claims/{claimId}\"", card, StringComparison.Ordinal);
        Assert.Contains("Read the full fact-check", card, StringComparison.Ordinal);
    }
}

/// <summary>Without PublicPages:BaseUrl the cards carry no link (the bot cannot know its public host).</summary>
public sealed class UnpublishedCardTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    [Fact]
    public async Task Answer_card_has_no_fact_check_link_without_a_base_url()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"]!["id"] = "conv-" + Guid.NewGuid().ToString("N");
        using var response = await host.PostAsync(activity.ToJsonString());
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!;
        Assert.NotNull(reply["attachments"]);
        Assert.DoesNotContain("Read the full fact-check", reply["attachments"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
