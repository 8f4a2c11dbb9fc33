using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>Clients may post message, event and typing only; typing is relayed but runs no bot turn.</summary>
public sealed class ActivityTypeTests(DirectLineHost host) : IClassFixture<DirectLineHost>
{
    [Theory]
    [InlineData("conversationUpdate")]
    [InlineData("invoke")]
    [InlineData("installationUpdate")]
    [InlineData("endOfConversation")]
    public async Task Service_only_activity_types_are_400_BadArgument_and_not_stored(string type)
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, "{\"type\":\"" + type + "\",\"from\":{\"id\":\"x\"}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("1", (await client.GetActivitiesAsync(conversation))["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_is_accepted_and_runs_a_turn()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, """{"type":"event","name":"webchat/join","from":{"id":"x"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        lock (host.Bot.Received) Assert.Contains(host.Bot.Received, a => a.Conversation?.Id == conversation.Id && a.Type == "event");
    }

    [Fact]
    public async Task Typing_is_stored_for_the_stream_but_the_bot_never_sees_it()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, """{"type":"typing","from":{"id":"x"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(conversation.Id + "|", (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        lock (host.Bot.Received) Assert.DoesNotContain(host.Bot.Received, a => a.Conversation?.Id == conversation.Id && a.Type == "typing");
    }
}
