using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// The search-based message extension: <c>composeExtension/query</c> invokes as Teams sends them, through
/// the host's /api/messages, answered with a messaging-extension response
/// (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search).
/// </summary>
public sealed class SearchExtensionTests(TeamsHost host) : IClassFixture<TeamsHost>
{
    private static JsonObject Query(string? text, int skip = 0, int count = 25) => TeamsHost.Payload("teams-compose-query", a =>
    {
        a["value"]!["parameters"] = text is null
            ? new JsonArray(new JsonObject { ["name"] = "initialRun", ["value"] = "true" })
            : new JsonArray(new JsonObject { ["name"] = "query", ["value"] = text });
        a["value"]!["queryOptions"] = new JsonObject { ["skip"] = skip, ["count"] = count };
    });

    private async Task<JsonArray> ResultsAsync(JsonObject query)
    {
        var (status, body) = await host.InvokeAsync(query);
        Assert.Equal(HttpStatusCode.OK, status);
        var result = body!["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("list", (string?)result["attachmentLayout"]);
        return result["attachments"]!.AsArray();
    }

    private static string ClaimIdOf(JsonNode attachment) =>
        (string)attachment["content"]!["refresh"]!["action"]!["data"]!["claimId"]!;

    [Fact]
    public async Task Needle_length_lists_home_needle_length_among_the_first_results()
    {
        var results = await ResultsAsync(Query("needle length"));
        Assert.Contains("home-needle-length", results.Take(3).Select(r => ClaimIdOf(r!)));
    }

    [Fact]
    public async Task Each_result_is_an_adaptive_card_with_a_preview_of_claim_verdict_and_first_answer_line()
    {
        var results = await ResultsAsync(Query("needle length"));
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)result!["contentType"]);
            Assert.Equal("AdaptiveCard", (string?)result["content"]!["type"]);
            var preview = result["preview"]!;
            Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)preview["contentType"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)preview["content"]!["title"]));
            Assert.Contains((string?)preview["content"]!["subtitle"], new[] { "False", "Misleading", "Partly true", "True", "Unproven" });
            Assert.False(string.IsNullOrWhiteSpace((string?)preview["content"]!["text"]));
            Assert.True(Encoding.UTF8.GetByteCount(result["content"]!.ToJsonString()) < 28 * 1024, "Teams drops result cards over 28 KB");
        }
    }

    [Fact]
    public async Task The_inserted_card_has_verdict_answer_sources_referral_and_the_public_page_link()
    {
        var results = await ResultsAsync(Query("needle length"));
        var card = results.Single(r => ClaimIdOf(r!) == "home-needle-length")!["content"]!;
        var json = card.ToJsonString();
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Contains("Sources", json, StringComparison.Ordinal);
        Assert.Contains("https://doi.org/", json, StringComparison.Ordinal);
        Assert.Contains("Last reviewed", json, StringComparison.Ordinal);
        var link = card["actions"]!.AsArray().Single(a => (string?)a!["type"] == "Action.OpenUrl")!;
        Assert.Equal(TeamsHost.PublicBaseUrl + "claims/home-needle-length", (string?)link["url"]);
    }

    [Fact]
    public async Task The_first_page_without_a_query_lists_claims_for_initialRun()
    {
        var results = await ResultsAsync(Query(null, count: 5));
        Assert.Equal(5, results.Count);
        Assert.Equal(5, results.Select(r => ClaimIdOf(r!)).Distinct().Count());
    }

    [Fact]
    public async Task An_empty_query_also_lists_claims()
    {
        Assert.NotEmpty(await ResultsAsync(Query("")));
    }

    [Fact]
    public async Task Claims_answered_in_chat_come_first_on_the_first_page()
    {
        // isotretinoin is not first in content order (claims are ordered by id), so only the count can put it first.
        var ask = TeamsHost.Payload("teams-message-with-mention", a =>
        {
            a["deliveryMode"] = "expectReplies";
            a["text"] = "<at>Claim Checker</at> can I microneedle while on accutane?";
        });
        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await host.InvokeAsync(ask);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        var results = await ResultsAsync(Query(null, count: 3));
        Assert.Equal("isotretinoin", ClaimIdOf(results[0]!));
    }

    [Fact]
    public async Task Paging_skips_the_results_already_shown()
    {
        var first = (await ResultsAsync(Query(null, skip: 0, count: 3))).Select(r => ClaimIdOf(r!)).ToList();
        var second = (await ResultsAsync(Query(null, skip: 3, count: 3))).Select(r => ClaimIdOf(r!)).ToList();
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public async Task A_half_typed_word_still_finds_the_claim()
    {
        var results = await ResultsAsync(Query("needle len"));
        Assert.Contains("home-needle-length", results.Select(r => ClaimIdOf(r!)));
    }

    [Fact]
    public async Task A_query_about_something_else_lists_no_claim_about_it()
    {
        var results = await ResultsAsync(Query("zzqx wobblefrump"));
        Assert.Empty(results);
    }
}
