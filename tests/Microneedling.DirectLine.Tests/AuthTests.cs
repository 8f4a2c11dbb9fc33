using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>Who may call what: 401 without credentials, 403 for bad ones or another conversation (§4.1).</summary>
public sealed class AuthTests(DirectLineHost host) : IClassFixture<DirectLineHost>
{
    [Theory]
    [InlineData("GET", "/conversations/x/activities")]
    [InlineData("POST", "/conversations/x/activities")]
    [InlineData("POST", "/conversations")]
    [InlineData("GET", "/conversations/x")]
    [InlineData("POST", "/tokens/refresh")]
    [InlineData("POST", "/tokens/generate")]
    public async Task Missing_authorization_is_401_with_an_error_body(string method, string path)
    {
        using var response = await host.NewClient().SendAsync(new HttpMethod(method), path, credential: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.False(string.IsNullOrEmpty(error["code"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(error["message"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Non_bearer_authorization_is_401()
    {
        var client = host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v3/directline/conversations", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic Zm9vOmJhcg==");
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiZGxfeCJ9.c2lnbmF0dXJl")]
    public async Task Garbage_token_is_403(string token)
    {
        using var response = await host.NewClient().SendAsync(HttpMethod.Post, "/conversations", token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_with_a_forged_payload_is_403()
    {
        var client = host.NewClient();
        var victim = await client.StartAsync();
        var attacker = await client.StartAsync();
        var parts = attacker.Token.Split('.');
        var victimParts = victim.Token.Split('.');
        var forged = $"{parts[0]}.{victimParts[1]}.{parts[2]}";

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{victim.Id}/activities", forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_of_conversation_A_cannot_read_conversation_B()
    {
        var client = host.NewClient();
        var a = await client.StartAsync();
        var b = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{b.Id}/activities", a.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_of_conversation_A_cannot_post_to_conversation_B()
    {
        var client = host.NewClient();
        var a = await client.StartAsync();
        var b = await client.StartAsync();

        using var response = await client.PostActivityAsync(b.Id, a.Token, DirectLineClient.Message("intrusion"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("intrusion", DirectLineClient.Texts(await client.GetActivitiesAsync(b)));
    }

    [Fact]
    public async Task Token_of_conversation_A_cannot_reconnect_to_or_stream_conversation_B()
    {
        var client = host.NewClient();
        var a = await client.StartAsync();
        var b = await client.StartAsync();

        using var reconnect = await client.SendAsync(HttpMethod.Get, $"/conversations/{b.Id}", a.Token);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);

        var streamOfAOnB = a.StreamUrl.Replace(a.Id, b.Id, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => client.OpenStreamAsync(streamOfAOnB));
    }

    [Fact]
    public async Task User_id_comes_from_the_token_not_from_the_posted_activity()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("whoami", fromId: "someone-else"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var activities = (await client.GetActivitiesAsync(conversation))["activities"]!.AsArray();
        var echo = activities.Single(a => a!["text"]?.GetValue<string>() == "whoami")!;
        var userId = echo["from"]!["id"]!.GetValue<string>();
        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);
        Assert.Contains(activities, a => a!["text"]?.GetValue<string>() == "you are " + userId);
    }

    [Fact]
    public async Task Unknown_conversation_is_404()
    {
        var client = host.NewClient();
        using var response = await client.SendAsync(HttpMethod.Get, "/conversations/never-started/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Token_for_a_conversation_not_yet_started_gets_404_on_its_activities()
    {
        var client = host.NewClient();
        var page = await client.PageTokenAsync();
        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{page["conversationId"]}/activities", page["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
