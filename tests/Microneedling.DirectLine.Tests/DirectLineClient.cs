using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace Microneedling.DirectLine.Tests;

/// <summary>The calls DirectLineJS makes, as a test would write them.</summary>
public sealed class DirectLineClient(HttpClient http, TestServer server)
{
    public HttpClient Http { get; } = http;

    /// <summary>POST /api/directline/token, as the page does.</summary>
    public async Task<JsonObject> PageTokenAsync()
    {
        using var response = await Http.PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri("/v3/directline" + path, UriKind.Relative)) { Content = content };
        if (credential is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return Http.SendAsync(request);
    }

    /// <summary>A started conversation: the body of POST /conversations with the page's token.</summary>
    public async Task<Started> StartAsync()
    {
        var token = (await PageTokenAsync())["token"]!.GetValue<string>();
        using var response = await SendAsync(HttpMethod.Post, "/conversations", token, Json("""{"user":{"id":"r_browser"},"locale":"en-US"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new Started(body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>(), body["streamUrl"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> PostActivityAsync(string conversationId, string token, string json) =>
        SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, Json(json));

    /// <summary>Posts a message as Web Chat does (its own from.id, a clientActivityID) and returns the id.</summary>
    public async Task<string> SayAsync(Started conversation, string text, string? clientActivityId = null)
    {
        using var response = await PostActivityAsync(conversation.Id, conversation.Token, Message(text, clientActivityId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetActivitiesAsync(Started conversation, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities?watermark={watermark}", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<WebSocket> OpenStreamAsync(string streamUrl)
    {
        var client = server.CreateWebSocketClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await client.ConnectAsync(new Uri(streamUrl), timeout.Token);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <remarks>Each post gets its own clientActivityID unless one is given, as Web Chat's do: a repeated one is a retry.</remarks>
    public static string Message(string text, string? clientActivityId = null, string fromId = "r_browser") =>
        JsonSerializer.Serialize(new
        {
            type = "message",
            text,
            from = new { id = fromId, name = "Browser", role = "user" },
            channelId = "webchat",
            channelData = new { clientActivityID = clientActivityId ?? "c-" + Guid.NewGuid().ToString("N") },
        });

    /// <summary>The next non-empty ActivitySet frame of a stream (keep-alives skipped).</summary>
    public static async Task<JsonObject> ReceiveSetAsync(WebSocket socket, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The stream closed: " + result.CloseStatusDescription);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (message.Length > 0) return JsonNode.Parse(message.ToArray())!.AsObject();
        }
    }

    /// <summary>Texts of an ActivitySet's activities, in order.</summary>
    public static List<string?> Texts(JsonObject set) =>
        set["activities"]!.AsArray().Select(a => a!["text"]?.GetValue<string>()).ToList();
}

/// <summary>A conversation as DirectLineJS holds it after POST /conversations.</summary>
public sealed record Started(string Id, string Token, string StreamUrl);
