using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>
/// A client's retry of a post (the same <c>channelData.clientActivityID</c>, as Web Chat sends when a
/// response was lost) is kept once and answered once: the retry gets the first post's id.
/// </summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_retried_post_gets_the_first_posts_id_and_the_bot_runs_once()
    {
        using var host = new DirectLineHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        var first = await client.SayAsync(conversation, "hello", "retry-1");
        var again = await client.SayAsync(conversation, "hello", "retry-1");

        Assert.Equal(first, again);
        Assert.Equal(["hello", "echo: hello"], DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)).Where(t => t != "welcome"));
        lock (host.Bot.Received) Assert.Single(host.Bot.Received, a => a.Text == "hello");
    }

    [Fact]
    public async Task The_same_text_with_another_client_id_is_a_new_post_and_a_reused_id_after_other_posts_still_counts_as_a_retry()
    {
        using var host = new DirectLineHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        var first = await client.SayAsync(conversation, "hello", "a");
        var second = await client.SayAsync(conversation, "hello", "b");
        await client.SayAsync(conversation, "other", "c");
        var retryOfFirst = await client.SayAsync(conversation, "hello", "a");

        Assert.NotEqual(first, second);
        Assert.Equal(first, retryOfFirst);
        lock (host.Bot.Received) Assert.Equal(2, host.Bot.Received.Count(a => a.Text == "hello"));
    }

    [Theory]
    [InlineData("""{"clientActivityID": 42}""")]
    [InlineData("""{"clientActivityID": ""}""")]
    [InlineData("""{"clientActivityID": null}""")]
    [InlineData("""["not", "an", "object"]""")]
    [InlineData("\"text\"")]
    public async Task Posts_whose_client_id_is_missing_or_not_a_string_are_each_kept(string channelData)
    {
        using var host = new DirectLineHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        var body = $$"""{"type":"message","text":"odd","from":{"id":"r_x","role":"user"},"channelData":{{channelData}}}""";

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        lock (host.Bot.Received) Assert.Equal(2, host.Bot.Received.Count(a => a.Text == "odd"));
    }
}
