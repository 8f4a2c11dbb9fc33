using System.Net;
using System.Text.Json.Nodes;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>Teams invokes with garbage in them: a clear 4xx or an empty result, never a 500.</summary>
public sealed class BadInvokeTests(TeamsHost host) : IClassFixture<TeamsHost>
{
    public static TheoryData<string> Names =>
        ["composeExtension/query", "composeExtension/fetchTask", "composeExtension/submitAction", "composeExtension/queryLink"];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_missing_value_is_a_400(string name)
    {
        var invoke = TeamsHost.Payload("teams-compose-query", a =>
        {
            a["name"] = name;
            a.Remove("value");
        });
        var (status, _) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("composeExtension/query", "\"just a string\"")]
    [InlineData("composeExtension/query", "[1, 2, 3]")]
    [InlineData("composeExtension/fetchTask", "42")]
    [InlineData("composeExtension/queryLink", "null")]
    [InlineData("composeExtension/query", "{ \"commandId\": \"searchClaims\", \"parameters\": [ { \"name\": \"query\", \"value\": { \"nested\": true } } ] }")]
    [InlineData("composeExtension/query", "{ \"commandId\": \"searchClaims\", \"parameters\": \"not a list\" }")]
    [InlineData("composeExtension/submitAction", "{ \"commandId\": \"factCheckMessage\", \"data\": \"insert\" }")]
    [InlineData("composeExtension/submitAction", "{ \"commandId\": \"factCheckMessage\", \"data\": { \"action\": \"insert\", \"claimId\": \"no-such-claim\" } }")]
    [InlineData("composeExtension/submitAction", "{ \"commandId\": \"factCheckMessage\", \"data\": { \"action\": \"insert-advice\" } }")]
    [InlineData("composeExtension/submitAction", "{ \"commandId\": \"factCheckMessage\", \"data\": { \"action\": \"format-disk\" } }")]
    public async Task A_value_of_the_wrong_shape_is_a_400(string name, string valueJson)
    {
        var invoke = TeamsHost.Payload("teams-compose-query", a =>
        {
            a["name"] = name;
            a["value"] = JsonNode.Parse(valueJson);
        });
        var (status, _) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("composeExtension/query")]
    [InlineData("composeExtension/fetchTask")]
    [InlineData("composeExtension/submitAction")]
    public async Task An_unknown_command_id_is_a_400_that_says_so(string name)
    {
        var invoke = TeamsHost.Payload("teams-compose-query", a =>
        {
            a["name"] = name;
            a["value"]!["commandId"] = "deleteEverything";
        });
        var (status, body) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("command", (string?)body!["error"]!["message"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_huge_query_gets_a_short_message_result_not_a_search()
    {
        var invoke = TeamsHost.Payload("teams-compose-query", a =>
            a["value"]!["parameters"]![0]!["value"] = string.Concat(Enumerable.Repeat("needle length ", 5000)));
        var (status, body) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("message", (string?)body!["composeExtension"]!["type"]);
        Assert.Contains("too long", (string?)body["composeExtension"]!["text"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5, 10)]
    [InlineData(0, -1)]
    [InlineData(100000, 25)]
    [InlineData(0, 100000)]
    public async Task Odd_paging_values_give_a_result_within_the_limits(int skip, int count)
    {
        var invoke = TeamsHost.Payload("teams-compose-query", a => a["value"]!["queryOptions"] = new JsonObject { ["skip"] = skip, ["count"] = count });
        var (status, body) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(body!["composeExtension"]!["attachments"]!.AsArray().Count, 0, 10);
    }

    [Fact]
    public async Task A_message_action_on_a_message_without_text_says_there_is_nothing_to_check()
    {
        var invoke = TeamsHost.Payload("teams-message-action-fetch", a => a["value"]!["messagePayload"]!["body"]!["content"] = "<p><img src=\"x.png\"></p>");
        var (status, body) = await host.InvokeAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("no text to check", body!["task"]!["value"]!["card"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400()
    {
        var (status, _) = await host.InvokeAsync("{\"type\": \"invoke\", \"name\": \"composeExtension/query\", \"value\": {");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
