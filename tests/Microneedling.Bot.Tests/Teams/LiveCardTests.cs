using System.Net;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// Shared cards are live (Universal Actions): <c>adaptiveCard/action</c> with the card's refresh verb gets the
/// claim's current card, a vote gets the card updated for the voter
/// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview).
/// </summary>
public sealed class LiveCardTests(TeamsHost host) : IClassFixture<TeamsHost>
{
    private static JsonObject Execute(string verb, JsonObject data) => TeamsHost.Payload("teams-card-refresh", a =>
        a["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data });

    private async Task<JsonNode> CardResponseAsync(JsonObject invoke)
    {
        var (status, body) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, (int?)body!["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
        return body["value"]!;
    }

    [Fact]
    public async Task The_card_refresh_returns_the_claims_current_card()
    {
        var card = await CardResponseAsync(TeamsHost.Payload("teams-card-refresh"));
        var json = card.ToJsonString();
        Assert.Contains("Last reviewed", json, StringComparison.Ordinal);
        Assert.Equal("claim-refresh", (string?)card["refresh"]!["action"]!["verb"]);
        Assert.Equal("Action.Execute", (string?)card["refresh"]!["action"]!["type"]);
        Assert.Contains("claim-feedback", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_of_a_claim_no_longer_in_the_set_says_so()
    {
        var card = await CardResponseAsync(Execute("claim-refresh", new JsonObject { ["action"] = "claim-refresh", ["claimId"] = "withdrawn-claim" }));
        Assert.Contains("no longer available", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_is_recorded_and_returns_the_card_with_thanks_in_place_of_the_buttons()
    {
        var card = await CardResponseAsync(Execute("claim-feedback", new JsonObject { ["action"] = "feedback", ["claimId"] = "home-frequency", ["vote"] = "not-helpful" }));
        var json = card.ToJsonString();
        Assert.Contains("Thanks", json, StringComparison.Ordinal);
        Assert.DoesNotContain("claim-feedback", json, StringComparison.Ordinal);

        // The curators' record: the claim, the vote and the kind of channel, nothing else about the voter.
        var store = Assert.IsAssignableFrom<IStorageScan>(host.Services.GetRequiredService<IStorage>());
        var records = await store.ScanAsync("curation/feedback/");
        Assert.Contains(records, r => r.Value is JObject o && (string?)o["claimId"] == "home-frequency" && (string?)o["vote"] == "not-helpful" && (string?)o["channel"] == "msteams");
    }

    [Fact]
    public async Task A_vote_without_a_known_vote_is_a_400_error_response()
    {
        var (status, body) = await host.InvokeAsync(Execute("claim-feedback", new JsonObject { ["action"] = "feedback", ["claimId"] = "home-frequency", ["vote"] = "meh" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/vnd.microsoft.error", (string?)body!["type"]);
    }

    [Fact]
    public async Task A_live_verb_without_Action_Execute_is_rejected_with_400()
    {
        var invoke = Execute("claim-refresh", new JsonObject { ["claimId"] = "home-frequency" });
        invoke["value"]!["action"]!["type"] = "Action.Submit";
        var (status, _) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
