using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>Start, reconnect, post and get with watermarks (§4.2 #3–6, §4.3, §4.6).</summary>
public sealed class ConversationTests(DirectLineHost host) : IClassFixture<DirectLineHost>
{
    [Fact]
    public async Task Start_answers_201_with_conversation_token_expiry_and_an_absolute_ws_stream_url()
    {
        var client = host.NewClient();
        var page = await client.PageTokenAsync();
        var token = page["token"]!.GetValue<string>();

        using var response = await client.SendAsync(HttpMethod.Post, "/conversations", token, DirectLineClient.Json("""{"user":{"id":"r_x"},"locale":"en-US"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(page["conversationId"]!.GetValue<string>(), body["conversationId"]!.GetValue<string>());
        Assert.Equal(token, body["token"]!.GetValue<string>());
        Assert.InRange(body["expires_in"]!.GetValue<int>(), 1, 1800);
        var streamUrl = new Uri(body["streamUrl"]!.GetValue<string>());
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal($"/v3/directline/conversations/{body["conversationId"]}/stream", streamUrl.AbsolutePath);
        Assert.Contains("t=", streamUrl.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_an_already_started_conversation_answers_200_with_the_same_conversation()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var again = await client.SendAsync(HttpMethod.Post, "/conversations", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(conversation.Id, (await again.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_with_the_local_secret_creates_a_conversation_and_a_token_for_it()
    {
        var client = host.NewClient();
        using var response = await client.SendAsync(HttpMethod.Post, "/conversations", DirectLineHost.LocalSecret, DirectLineClient.Json("""{"user":{"id":"dl_bob"}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var conversation = new Started(body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>(), body["streamUrl"]!.GetValue<string>());
        await client.SayAsync(conversation, "whoami");
        Assert.Contains("you are dl_bob", DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)));
    }

    [Fact]
    public async Task The_bot_gets_a_conversationUpdate_with_bot_and_user_and_its_welcome_is_in_the_transcript()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        var update = host.Bot.Received.Last(a => a.Conversation?.Id == conversation.Id);
        Assert.Equal("conversationUpdate", update.Type);
        Assert.Equal("directline", update.ChannelId);
        Assert.Equal(2, update.MembersAdded!.Count);
        var set = await client.GetActivitiesAsync(conversation);
        Assert.Equal(["welcome"], DirectLineClient.Texts(set));
        Assert.Equal("1", set["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task Posted_activity_is_echoed_with_id_timestamp_and_untouched_channelData_before_the_reply()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        var id = await client.SayAsync(conversation, "hello", clientActivityId: "client-42");

        var activities = (await client.GetActivitiesAsync(conversation, "1"))["activities"]!.AsArray();
        Assert.Equal(2, activities.Count);
        var echo = activities[0]!;
        Assert.Equal(id, echo["id"]!.GetValue<string>());
        Assert.StartsWith(conversation.Id + "|", id, StringComparison.Ordinal);
        Assert.Equal("client-42", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.Equal("directline", echo["channelId"]!.GetValue<string>());
        Assert.NotNull(echo["timestamp"]);
        var reply = activities[1]!;
        Assert.Equal("echo: hello", reply["text"]!.GetValue<string>());
        Assert.Equal(id, reply["replyToId"]!.GetValue<string>());
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.NotEqual(id, reply["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_with_a_watermark_returns_only_newer_activities_and_the_new_watermark()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        await client.SayAsync(conversation, "first");
        var afterFirst = (await client.GetActivitiesAsync(conversation))["watermark"]!.GetValue<string>();

        await client.SayAsync(conversation, "second");
        var set = await client.GetActivitiesAsync(conversation, afterFirst);

        Assert.Equal(["second", "echo: second"], DirectLineClient.Texts(set));
        Assert.Equal("5", set["watermark"]!.GetValue<string>());
        Assert.Empty((await client.GetActivitiesAsync(conversation, "5"))["activities"]!.AsArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Empty_or_null_watermark_means_from_the_beginning(string watermark)
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        await client.SayAsync(conversation, "hi");

        Assert.Equal(["welcome", "hi", "echo: hi"], DirectLineClient.Texts(await client.GetActivitiesAsync(conversation, watermark)));
    }

    [Fact]
    public async Task Reconnect_answers_a_fresh_stream_url_carrying_the_watermark()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}?watermark=1", conversation.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(conversation.Id, body["conversationId"]!.GetValue<string>());
        Assert.Contains("watermark=1", body["streamUrl"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_failure_is_502_BotError_and_the_user_activity_is_still_echoed()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("fail"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("BotError", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("fail", DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)));
    }

    [Fact]
    public async Task Typing_travels_on_the_stream_only_not_in_polling()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var typing = await client.PostActivityAsync(conversation.Id, conversation.Token, """{"type":"typing","from":{"id":"x"}}""");
        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);

        var set = await client.GetActivitiesAsync(conversation);
        Assert.DoesNotContain(set["activities"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "typing");
        Assert.Equal("2", set["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_posts_in_one_conversation_each_get_their_echo_and_reply_exactly_once()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.SayAsync(conversation, "m" + i, "c" + i)));

        var texts = DirectLineClient.Texts(await client.GetActivitiesAsync(conversation));
        Assert.Equal(21, texts.Count);
        for (var i = 0; i < 10; i++)
        {
            Assert.Single(texts, t => t == "m" + i);
            Assert.Single(texts, t => t == "echo: m" + i);
        }
    }
}
