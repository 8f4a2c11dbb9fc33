using System.Net;
using System.Text.Json.Nodes;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// "Fact-check this message": <c>composeExtension/fetchTask</c> opens a task module with what triage and the
/// engine found; <c>composeExtension/submitAction</c> inserts the chosen card or closes
/// (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/create-task-module).
/// </summary>
public sealed class MessageActionTests(TeamsHost host) : IClassFixture<TeamsHost>
{
    private const string Aesthetician = "my aesthetician says 3 mm only reaches the top layer";
    private const string PusAndFever = "Three days after microneedling my cheek is oozing yellow pus and I have a fever of 39 tonight";

    private static JsonObject Fetch(string html) => TeamsHost.Payload("teams-message-action-fetch", a =>
        a["value"]!["messagePayload"]!["body"]!["content"] = html);

    private static JsonObject Submit(JsonObject data, string html = "<p>" + Aesthetician + "</p>") => TeamsHost.Payload("teams-message-action-fetch", a =>
    {
        a["name"] = "composeExtension/submitAction";
        a["value"]!["data"] = data;
        a["value"]!["messagePayload"]!["body"]!["content"] = html;
        a["value"]!.AsObject().Remove("requestContext");
    });

    private async Task<JsonNode> TaskCardAsync(string html)
    {
        var (status, body) = await host.InvokeAsync(Fetch(html));
        Assert.Equal(HttpStatusCode.OK, status);
        var task = body!["task"]!;
        Assert.Equal("continue", (string?)task["type"]);
        Assert.Equal("Fact-check this message", (string?)task["value"]!["title"]);
        var card = task["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        return card["content"]!;
    }

    private static IEnumerable<JsonNode> Submits(JsonNode card) =>
        Descendants(card).Where(n => n is JsonObject o && (string?)o["type"] == "Action.Submit");

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in Descendants(child)) yield return d;
    }

    [Fact]
    public async Task The_aesthetician_claim_gets_the_depth_only_top_layer_card_to_insert()
    {
        var card = await TaskCardAsync("<p>" + Aesthetician + "</p>");
        var insert = Submits(card).Select(s => s["data"]!).Where(d => (string?)d["action"] == "insert").Select(d => (string?)d["claimId"]).ToList();
        Assert.Equal("depth-only-top-layer", insert.FirstOrDefault());
        Assert.Contains(Submits(card), s => (string?)s["data"]!["action"] == "cancel");
    }

    [Fact]
    public async Task A_message_describing_pus_and_fever_shows_the_urgent_advice_first()
    {
        var card = await TaskCardAsync("<div><p>" + PusAndFever + "</p></div>");
        var first = card["body"]![0]!.ToJsonString();
        Assert.Contains("See a doctor today.", first, StringComparison.Ordinal);
        Assert.Contains(Submits(card), s => (string?)s["data"]!["action"] == "insert-advice");
    }

    [Fact]
    public async Task Submitting_a_claim_inserts_its_live_card()
    {
        var (status, body) = await host.InvokeAsync(Submit(new JsonObject { ["action"] = "insert", ["claimId"] = "depth-only-top-layer" }));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = body!["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        var card = Assert.Single(result["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Equal("depth-only-top-layer", (string?)card["content"]!["refresh"]!["action"]!["data"]!["claimId"]);
        Assert.Equal(TeamsHost.PublicBaseUrl + "claims/depth-only-top-layer", (string?)card["content"]!["actions"]![0]!["url"]);
    }

    [Fact]
    public async Task Submitting_the_advice_inserts_the_urgent_card()
    {
        var (status, body) = await host.InvokeAsync(Submit(new JsonObject { ["action"] = "insert-advice" }, "<p>" + PusAndFever + "</p>"));
        Assert.Equal(HttpStatusCode.OK, status);
        var card = Assert.Single(body!["composeExtension"]!["attachments"]!.AsArray())!;
        Assert.Contains("See a doctor today.", card["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_closes_the_task_module_and_inserts_nothing()
    {
        var (status, body) = await host.InvokeAsync(Submit(new JsonObject { ["action"] = "cancel" }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body?["composeExtension"]);
        Assert.Null(body?["task"]);
    }

    [Fact]
    public async Task A_message_with_nothing_checked_says_so()
    {
        var card = await TaskCardAsync("<p>lunch at 12 in the big room?</p>");
        Assert.Contains("No checked claim found", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Submits(card), s => (string?)s["data"]!["action"] == "insert");
    }

    [Fact]
    public async Task The_message_text_never_reaches_the_logs_at_information_or_above()
    {
        await TaskCardAsync("<p>" + PusAndFever + "</p>");
        var lines = host.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Information);
        Assert.Contains(lines, l => l.Contains("Fact-checked a Teams message", StringComparison.Ordinal));
        foreach (var word in new[] { "pus", "fever", "oozing", "cheek" })
            Assert.DoesNotContain(lines, l => l.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
