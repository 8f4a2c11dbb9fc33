using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tests;

/// <summary>Options bound from the DirectLine section: validated on start, and honoured.</summary>
public sealed class HostSettingsTests
{
    // Settings that stop start-up (a short TokenKey, a limit out of range) are tested on the real process:
    // Microneedling.Bot.Tests/StartupFailureTests (exit 1, the key named, no stack trace).

    [Fact]
    public async Task Page_token_endpoint_is_rate_limited_per_client()
    {
        using var host = new SettingsHost(new() { ["DirectLine:RateLimitBurst"] = "2" });
        var client = host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Idle_stream_gets_empty_keep_alive_frames()
    {
        using var host = new SettingsHost(new() { ["DirectLine:KeepAliveInterval"] = "00:00:01" });
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var socket = await client.OpenStreamAsync(conversation.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(socket);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var frame = await socket.ReceiveAsync(new byte[1024], timeout.Token);

        Assert.Equal(WebSocketMessageType.Text, frame.MessageType);
        Assert.Equal(0, frame.Count);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    private sealed class SettingsHost(Dictionary<string, string?> settings) : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }
}
