using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>The bounds: per-token rate limit, conversation cap, idle expiry, bot timeout.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Token_over_its_rate_limit_gets_429_with_Retry_After_and_recovers_later()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync(); // uses 1 of the burst of 5

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", conversation.Token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("TooManyRequests", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
            }
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.GetActivitiesAsync(conversation);
    }

    [Fact]
    public async Task Rate_limit_of_one_conversation_does_not_touch_another()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var a = await client.StartAsync();
        var b = await client.StartAsync();
        for (var i = 0; i < 6; i++) (await client.SendAsync(HttpMethod.Get, $"/conversations/{a.Id}/activities", a.Token)).Dispose();

        await client.GetActivitiesAsync(b);
    }

    [Fact]
    public async Task Starting_more_conversations_than_the_cap_is_429()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        await client.StartAsync();
        await client.StartAsync();
        var third = (await client.PageTokenAsync())["token"]!.GetValue<string>();

        using var response = await client.SendAsync(HttpMethod.Post, "/conversations", third);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Idle_conversations_expire_and_free_their_place_under_the_cap()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var old = await client.StartAsync();
        await client.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(11));

        // The cap is reached, but both are idle: starting a third sweeps them and succeeds.
        await client.StartAsync();

        using var gone = await client.SendAsync(HttpMethod.Get, $"/conversations/{old.Id}/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Idle_conversation_answers_404_and_closes_its_stream()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var socket = await client.OpenStreamAsync(conversation.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(socket);
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", DirectLineHost.LocalSecret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => DirectLineClient.ReceiveSetAsync(socket));
    }

    [Fact]
    public async Task Activity_keeps_a_conversation_alive()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(9));
        await client.SayAsync(conversation, "still here");
        host.Clock.Advance(TimeSpan.FromMinutes(9));

        Assert.Contains("still here", DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)));
    }

    [Fact]
    public async Task Slow_bot_gets_502_BotTimeout_and_its_late_reply_still_arrives()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("slow"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("BotTimeout", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());

        host.Bot.Release();
        host.Clock.Advance(TimeSpan.FromSeconds(1)); // refills the rate limit for the polls below
        for (var i = 0; i < 50 && !DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)).Contains("finally"); i++)
            await Task.Delay(50);
        Assert.Contains("finally", DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)));
    }

    [Fact]
    public async Task Transcript_keeps_only_the_newest_activities_but_watermarks_keep_growing()
    {
        using var host = new TightHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await client.SayAsync(conversation, "m" + i);
        }
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        var set = await client.GetActivitiesAsync(conversation);

        Assert.Equal(10, set["activities"]!.AsArray().Count);
        Assert.Equal("13", set["watermark"]!.GetValue<string>());
        Assert.Equal("echo: m5", DirectLineClient.Texts(set)[^1]);
    }

    /// <summary>Small limits so each bound is reached in a few requests.</summary>
    private sealed class TightHost : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DirectLine:RateLimitBurst"] = "5",
            ["DirectLine:RateLimitPerSecond"] = "2",
            ["DirectLine:MaxConversations"] = "2",
            ["DirectLine:ConversationIdleTimeout"] = "00:10:00",
            ["DirectLine:UnusedConversationIdleTimeout"] = "00:10:00",
            ["DirectLine:BotTimeout"] = "00:00:01",
            ["DirectLine:MaxActivitiesPerConversation"] = "10",
        };
    }
}
