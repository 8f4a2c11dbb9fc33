using System.Net;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// Link unfurling (<c>composeExtension/queryLink</c>) of the public claim pages
/// (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling).
/// </summary>
public sealed class LinkUnfurlTests(TeamsHost host) : IClassFixture<TeamsHost>
{
    [Theory]
    [InlineData("https://factcheck.example.org/claims/home-needle-length")]
    [InlineData("https://FactCheck.example.org/claims/home-needle-length/?utm_source=teams#sources")]
    public async Task A_claim_page_link_unfurls_into_the_claim_card(string url)
    {
        var (status, body) = await host.InvokeAsync(TeamsHost.Payload("teams-query-link", a => a["value"]!["url"] = url));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = body!["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        var attachment = Assert.Single(result["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal("home-needle-length", (string?)attachment["content"]!["refresh"]!["action"]!["data"]!["claimId"]);
        Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)attachment["preview"]!["contentType"]);
    }

    [Theory]
    [InlineData("https://factcheck.example.org/claims/no-such-claim")]
    [InlineData("https://factcheck.example.org/claims/")]
    [InlineData("https://factcheck.example.org/about")]
    [InlineData("https://elsewhere.example.com/claims/home-needle-length")]
    [InlineData("http://factcheck.example.org:8080/claims/home-needle-length")]
    [InlineData("not a url at all")]
    [InlineData("")]
    public async Task Other_links_get_no_card_and_no_error(string url)
    {
        var (status, body) = await host.InvokeAsync(TeamsHost.Payload("teams-query-link", a => a["value"]!["url"] = url));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body?["composeExtension"]);
    }
}
