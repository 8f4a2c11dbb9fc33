using System.Net;
using Microneedling.FactCheck;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests.PublicPages;

/// <summary>/claims/{id} without a configured base URL: the request's host is the site.</summary>
public sealed class ClaimPageTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    private ClaimSet Claims => host.Services.GetRequiredService<FactChecker>().Claims;

    [Fact]
    public async Task Home_frequency_page_is_valid_html_with_the_whole_fact_check()
    {
        var claim = Claims.Find("home-frequency")!;
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims/home-frequency");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(claim.Statement, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("False", page.QuerySelector(".verdict")!.TextContent.Trim());
        var text = page.Body!.TextContent;
        Assert.Contains(claim.Answer.Trim(), text, StringComparison.Ordinal);
        Assert.Contains(claim.Guidance.Trim(), text, StringComparison.Ordinal);
        Assert.Contains(claim.Referral.Wording.Trim(), text, StringComparison.Ordinal);
        var sourceLinks = page.QuerySelectorAll("ol li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(claim.Sources.Select(s => s.Url.AbsoluteUri), sourceLinks);
        Assert.Equal("2026-12-01", page.QuerySelector("time")!.GetAttribute("datetime"));
        var related = page.QuerySelectorAll("ul.claims a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(claim.Related.Select(id => "http://localhost/claims/" + id), related);
        // The seed article is named as where the claim appeared.
        Assert.Contains("Micro Needling – Is Skin Needling Safe?", text, StringComparison.Ordinal);
        // Readable without script: the only script is the JSON-LD data block.
        Assert.All(page.Scripts, s => Assert.Equal("application/ld+json", s.Type));
    }

    [Fact]
    public async Task Home_frequency_page_has_one_ClaimReview_meeting_the_required_fields()
    {
        var claim = Claims.Find("home-frequency")!;
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims/home-frequency");
        var review = PublicPageDocument.SingleJsonLd(page);

        Assert.Empty(PublicPageDocument.ClaimReviewProblems(review));
        Assert.Equal("http://localhost/claims/home-frequency", (string?)review["url"]);
        Assert.Equal(claim.Statement, (string?)review["claimReviewed"]);
        Assert.Equal("False", (string?)review["reviewRating"]!["alternateName"]);
        Assert.Equal("Microneedling fact-checker", (string?)review["author"]!["name"]); // appsettings.json
        Assert.Equal("2026-12-01", (string?)review["datePublished"]);
        Assert.Equal("2026-12-01", (string?)review["dateModified"]);
        var appearance = review["itemReviewed"]!["appearance"]!;
        Assert.Equal("Micro Needling – Is Skin Needling Safe?", (string?)appearance["headline"]);
        Assert.Equal("Betty Wolfe", (string?)appearance["author"]!["name"]);
    }

    [Fact]
    public async Task Every_claim_has_a_valid_page_with_one_valid_ClaimReview()
    {
        var client = host.CreateClient();
        Assert.NotEmpty(Claims.All);
        foreach (var claim in Claims.All)
        {
            var page = await PublicPageDocument.GetAsync(client, "/claims/" + claim.Id);
            var review = PublicPageDocument.SingleJsonLd(page);
            Assert.True(PublicPageDocument.ClaimReviewProblems(review).Count == 0,
                $"{claim.Id}: {string.Join("; ", PublicPageDocument.ClaimReviewProblems(review))}");
            Assert.Equal(claim.Id, (string?)review["identifier"]);
            Assert.Equal(new Uri("http://localhost/claims/" + claim.Id).Host, new Uri((string)review["url"]!).Host);
        }
    }

    [Fact]
    public async Task A_claim_not_from_the_seed_article_names_no_appearance()
    {
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims/home-needle-length");
        var review = PublicPageDocument.SingleJsonLd(page);
        Assert.Empty(PublicPageDocument.ClaimReviewProblems(review));
        Assert.Null(review["itemReviewed"]!["appearance"]);
        Assert.DoesNotContain("Where the claim appeared", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_claim_is_shortened_under_75_characters_at_a_word()
    {
        var claim = Claims.Find("what-is-microneedling")!;
        Assert.True(claim.Statement.Length >= 75, "the test needs a claim whose statement is too long");
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims/what-is-microneedling");
        var reviewed = (string)PublicPageDocument.SingleJsonLd(page)["claimReviewed"]!;
        Assert.True(reviewed.Length < 75, reviewed);
        Assert.EndsWith("…", reviewed, StringComparison.Ordinal);
        Assert.StartsWith(reviewed[..^1], claim.Statement, StringComparison.Ordinal);
        // The page itself shows the whole claim.
        Assert.Equal(claim.Statement, page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Open_Graph_tags_preview_the_claim_and_its_verdict()
    {
        var claim = Claims.Find("home-frequency")!;
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims/home-frequency");
        Assert.Equal("False: " + claim.Statement, PublicPageDocument.Meta(page, "og:title"));
        Assert.Equal("article", PublicPageDocument.Meta(page, "og:type"));
        Assert.Equal("http://localhost/claims/home-frequency", PublicPageDocument.Meta(page, "og:url"));
        Assert.StartsWith(claim.Answer.Trim()[..60], PublicPageDocument.Meta(page, "og:description"), StringComparison.Ordinal);
        Assert.Equal("http://localhost/claims/home-frequency", page.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_index_links_every_claim_page()
    {
        var page = await PublicPageDocument.GetAsync(host.CreateClient(), "/claims");
        var links = page.QuerySelectorAll("ul.claims a").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.Equal(Claims.All.Select(c => (string?)("http://localhost/claims/" + c.Id)).ToHashSet(), links);
    }

    [Fact]
    public async Task Unknown_claim_id_is_404()
    {
        using var response = await host.CreateClient().GetAsync(new Uri("/claims/no-such-claim", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string> GarbageIds() =>
    [
        "..%2F..%2Fappsettings.json",
        "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        // (%00 is refused before routing: Kestrel answers 400 to a null character in the path.)
        "home%0Afrequency",
        "%1B%5B31m",
        "HOME-FREQUENCY",
        "home-frequency.yaml",
        "%C0%AE%C0%AE%2F",
        "%FF%FE",
        "<script>alert(1)<%2Fscript>",
        new string('a', 20_000),
    ];

    [Theory]
    [MemberData(nameof(GarbageIds))]
    public async Task Garbage_ids_are_refused_with_4xx_never_500(string id)
    {
        using var response = await host.CreateClient().GetAsync(new Uri("/claims/" + id, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{id[..Math.Min(id.Length, 40)]}: {(int)response.StatusCode}");
    }
}
