using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>A turn stuck past the bot timeout keeps its gate; later posts give up (429) rather than queue without limit.</summary>
public sealed class StuckTurnTests
{
    [Fact]
    public async Task Post_behind_a_stuck_turn_is_429_not_echoed_and_never_run_later()
    {
        using var host = new SlowHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using (var slow = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("slow")))
            Assert.Equal(HttpStatusCode.BadGateway, slow.StatusCode);

        using var queued = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("behind"));

        Assert.Equal(HttpStatusCode.TooManyRequests, queued.StatusCode);
        Assert.NotNull(queued.Headers.RetryAfter);
        Assert.Equal("TooManyRequests", (await queued.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        host.Bot.Release();
        for (var i = 0; i < 50 && !DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)).Contains("finally"); i++)
            await Task.Delay(50);
        Assert.Equal("echo: after", await SayAndReadReplyAsync(client, conversation, "after"));
        Assert.DoesNotContain("behind", DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)));
        lock (host.Bot.Received) Assert.DoesNotContain(host.Bot.Received, a => a.Text == "behind");
    }

    private static async Task<string?> SayAndReadReplyAsync(DirectLineClient client, Started conversation, string text)
    {
        await client.SayAsync(conversation, text);
        return DirectLineClient.Texts(await client.GetActivitiesAsync(conversation))[^1];
    }

    private sealed class SlowHost : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DirectLine:BotTimeout"] = "00:00:01",
        };
    }
}
