using Microsoft.Bot.Builder;
using System.Net;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.DirectLine.Tests;

/// <summary>A deleted conversation stays deleted: its tokens are not refreshed, it is not started again, its bot state goes too.</summary>
public sealed class ExpiryTests : IDisposable
{
    private readonly DirectLineHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Refreshing_the_token_of_an_expired_conversation_is_404()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(6)); // unused: expired after 5 minutes

        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", conversation.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Refreshing_the_token_of_a_live_conversation_still_works()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Starting_again_with_an_old_token_of_an_expired_conversation_is_404_not_a_restarted_conversation()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(6));
        using (var gone = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", conversation.Token))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        using var again = await client.SendAsync(HttpMethod.Post, "/conversations", conversation.Token);

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Expired_conversation_takes_the_bot_conversation_state_with_it()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        var storage = _host.Services.GetRequiredService<IStorage>();
        var stateKey = DirectLineConversationStore.BotStateKey(conversation.Id);
        Assert.Equal("directline/conversations/" + conversation.Id, stateKey);
        await storage.WriteAsync(new Dictionary<string, object> { [stateKey] = new Newtonsoft.Json.Linq.JObject { ["dialog"] = "x" } });
        _host.Clock.Advance(TimeSpan.FromMinutes(6));

        using var gone = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", DirectLineHost.LocalSecret);

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(await storage.ReadAsync([stateKey]));
    }
}
