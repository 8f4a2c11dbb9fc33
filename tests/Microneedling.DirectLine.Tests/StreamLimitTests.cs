using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>Sockets per conversation are capped, and a socket closes when the token that opened it expires.</summary>
public sealed class StreamLimitTests
{
    [Fact]
    public async Task Opening_more_streams_than_the_cap_closes_the_oldest()
    {
        using var host = new StreamHost(new() { ["DirectLine:MaxStreamsPerConversation"] = "2" });
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var first = await client.OpenStreamAsync(conversation.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(first);
        using var second = await client.OpenStreamAsync(await FreshStreamUrlAsync(client, conversation));
        await DirectLineClient.ReceiveSetAsync(second);

        using var third = await client.OpenStreamAsync(await FreshStreamUrlAsync(client, conversation));
        await DirectLineClient.ReceiveSetAsync(third);

        var closed = await Assert.ThrowsAsync<InvalidOperationException>(() => DirectLineClient.ReceiveSetAsync(first));
        Assert.Contains("Replaced", closed.Message, StringComparison.Ordinal);
        await client.SayAsync(conversation, "still streaming");
        Assert.Contains("still streaming", DirectLineClient.Texts(await DirectLineClient.ReceiveSetAsync(third)));
    }

    [Fact]
    public async Task Stream_closes_when_the_token_that_opened_it_expires()
    {
        using var host = new StreamHost(new() { ["DirectLine:KeepAliveInterval"] = "00:00:01" });
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        await client.SayAsync(conversation, "hi");
        using var socket = await client.OpenStreamAsync(conversation.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(socket);

        host.Clock.Advance(TimeSpan.FromMinutes(31));

        var closed = await Assert.ThrowsAsync<InvalidOperationException>(() => DirectLineClient.ReceiveSetAsync(socket, TimeSpan.FromSeconds(10)));
        Assert.Contains("Token expired", closed.Message, StringComparison.Ordinal);
    }

    private static async Task<string> FreshStreamUrlAsync(DirectLineClient client, Started conversation)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}", conversation.Token);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.GetValue<string>();
    }

    private sealed class StreamHost(Dictionary<string, string?> settings) : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }
}
