using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>The WebSocket at streamUrl: replay on open, push in order, reconnect from a watermark (§4.3).</summary>
public sealed class StreamTests(DirectLineHost host) : IClassFixture<DirectLineHost>
{
    [Fact]
    public async Task Stream_replays_what_was_sent_before_it_opened()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var socket = await client.OpenStreamAsync(conversation.StreamUrl);
        var set = await DirectLineClient.ReceiveSetAsync(socket);

        Assert.Equal(["welcome"], DirectLineClient.Texts(set));
        Assert.Equal("1", set["watermark"]!.GetValue<string>());
        await CloseAsync(socket);
    }

    [Fact]
    public async Task Stream_pushes_the_echo_and_the_reply_in_order_with_growing_watermarks()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var socket = await client.OpenStreamAsync(conversation.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(socket);

        await client.SayAsync(conversation, "hello", "c-hello");
        var received = await ReceiveTextsAsync(socket, count: 2);

        Assert.Equal(["hello", "echo: hello"], received.Texts);
        Assert.Equal("3", received.Watermark);
        await CloseAsync(socket);
    }

    [Fact]
    public async Task Stream_carries_typing_activities()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var socket = await client.OpenStreamAsync(conversation.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(socket);

        using var _ = await client.PostActivityAsync(conversation.Id, conversation.Token, """{"type":"typing","from":{"id":"x"}}""");
        var set = await DirectLineClient.ReceiveSetAsync(socket);

        Assert.Equal("typing", set["activities"]![0]!["type"]!.GetValue<string>());
        await CloseAsync(socket);
    }

    [Fact]
    public async Task Reconnect_from_a_watermark_loses_nothing_and_repeats_nothing()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        var seen = new List<string>();

        using (var first = await client.OpenStreamAsync(conversation.StreamUrl))
        {
            seen.AddRange(Ids(await DirectLineClient.ReceiveSetAsync(first)));
            await client.SayAsync(conversation, "one", "c1");
            var got = await ReceiveTextsAsync(first, 2);
            seen.AddRange(got.Ids);
            first.Abort();
        }
        var watermark = "3";

        // While disconnected the conversation goes on: these must arrive after the reconnect.
        await client.SayAsync(conversation, "two", "c2");
        await client.SayAsync(conversation, "twice", "c3");

        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}?watermark={watermark}", conversation.Token);
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.GetValue<string>();
        using var second = await client.OpenStreamAsync(streamUrl);
        var replay = await ReceiveTextsAsync(second, 5);
        seen.AddRange(replay.Ids);

        Assert.Equal(["two", "echo: two", "twice", "one", "two"], replay.Texts);
        var all = (await client.GetActivitiesAsync(conversation))["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(all, seen);
        await CloseAsync(second);
    }

    [Fact]
    public async Task Stream_without_a_credential_is_refused()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        var bare = conversation.StreamUrl[..conversation.StreamUrl.IndexOf('?', StringComparison.Ordinal)];

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => client.OpenStreamAsync(bare));
    }

    [Fact]
    public async Task Stream_url_expires_if_not_opened_in_time()
    {
        using var host = new DirectLineHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(61));

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => client.OpenStreamAsync(conversation.StreamUrl));
    }

    [Fact]
    public async Task Plain_http_get_of_the_stream_is_400()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        var path = new Uri(conversation.StreamUrl).PathAndQuery;

        using var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Two_streams_of_one_conversation_both_get_every_activity()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var a = await client.OpenStreamAsync(conversation.StreamUrl);
        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}", conversation.Token);
        using var b = await client.OpenStreamAsync((await reconnect.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.GetValue<string>());
        await DirectLineClient.ReceiveSetAsync(a);
        await DirectLineClient.ReceiveSetAsync(b);

        await client.SayAsync(conversation, "twice");

        Assert.Equal(["twice", "one", "two"], (await ReceiveTextsAsync(a, 3)).Texts);
        Assert.Equal(["twice", "one", "two"], (await ReceiveTextsAsync(b, 3)).Texts);
        await CloseAsync(a);
        await CloseAsync(b);
    }

    private static IEnumerable<string> Ids(JsonObject set) => set["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>());

    /// <summary>Reads frames until <paramref name="count"/> activities arrived (they may come in one frame or several).</summary>
    private static async Task<(List<string?> Texts, List<string> Ids, string Watermark)> ReceiveTextsAsync(WebSocket socket, int count)
    {
        var texts = new List<string?>();
        var ids = new List<string>();
        var watermark = "";
        while (texts.Count < count)
        {
            var set = await DirectLineClient.ReceiveSetAsync(socket);
            texts.AddRange(DirectLineClient.Texts(set));
            ids.AddRange(Ids(set));
            watermark = set["watermark"]!.GetValue<string>();
        }
        Assert.Equal(count, texts.Count);
        return (texts, ids, watermark);
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }
}
