using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.DirectLine.Tests;

/// <summary>Token generate, refresh and expiry (protocol detail §4.1–4.2 #1–2).</summary>
public sealed class TokenTests : IDisposable
{
    private readonly DirectLineHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Page_token_endpoint_answers_token_conversation_and_expires_in_in_local_mode()
    {
        var body = await _host.NewClient().PageTokenAsync();

        Assert.False(string.IsNullOrEmpty(body["token"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["conversationId"]?.GetValue<string>()));
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
        Assert.Null(body["domain"]);
    }

    [Fact]
    public async Task Token_is_a_jwt_whose_user_claim_web_chat_can_adopt()
    {
        var token = (await _host.NewClient().PageTokenAsync())["token"]!.GetValue<string>();

        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;
        Assert.StartsWith("dl_", payload["user"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_with_the_local_secret_binds_the_token_to_the_requested_user()
    {
        var client = _host.NewClient();
        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineHost.LocalSecret, DirectLineClient.Json("""{"user":{"id":"dl_alice"}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var token = body["token"]!.GetValue<string>();

        using var start = await client.SendAsync(HttpMethod.Post, "/conversations", token);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var started = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(body["conversationId"]!.GetValue<string>(), started["conversationId"]!.GetValue<string>());
        var conversation = new Started(started["conversationId"]!.GetValue<string>(), token, "");
        await client.SayAsync(conversation, "whoami");
        Assert.Contains("you are dl_alice", DirectLineClient.Texts(await client.GetActivitiesAsync(conversation)));
    }

    [Fact]
    public async Task Generate_without_a_body_works()
    {
        using var response = await _host.NewClient().SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Generate_with_a_token_instead_of_the_secret_is_refused_with_403()
    {
        var client = _host.NewClient();
        var token = (await client.PageTokenAsync())["token"]!.GetValue<string>();
        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/generate", token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_keeps_the_conversation_and_gives_a_new_token()
    {
        var client = _host.NewClient();
        var page = await client.PageTokenAsync();
        var token = page["token"]!.GetValue<string>();

        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(page["conversationId"]!.GetValue<string>(), body["conversationId"]!.GetValue<string>());
        Assert.NotEqual(token, body["token"]!.GetValue<string>());
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refreshed_token_outlives_the_original()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        await client.SayAsync(conversation, "hi"); // a used conversation: an unused one expires after 5 minutes
        _host.Clock.Advance(TimeSpan.FromMinutes(15));
        using var refresh = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", conversation.Token);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        _host.Clock.Advance(TimeSpan.FromMinutes(20));

        using var old = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", conversation.Token);
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        await client.GetActivitiesAsync(conversation with { Token = refreshed });
    }

    [Fact]
    public async Task Expired_token_is_refused_with_403_TokenExpired()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        _host.Clock.Advance(TimeSpan.FromMinutes(30));

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", conversation.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenExpired", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Expired_token_cannot_be_refreshed()
    {
        var client = _host.NewClient();
        var token = (await client.PageTokenAsync())["token"]!.GetValue<string>();
        _host.Clock.Advance(TimeSpan.FromMinutes(31));

        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Refreshing_the_secret_is_a_bad_argument()
    {
        using var response = await _host.NewClient().SendAsync(HttpMethod.Post, "/tokens/refresh", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Stream_credential_cannot_be_used_as_a_conversation_token()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        var streamToken = System.Web.HttpUtility.ParseQueryString(new Uri(conversation.StreamUrl).Query)["t"]!;

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", streamToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("=")]
    [InlineData("+")]
    public async Task Token_with_a_character_outside_base64url_is_refused_even_if_it_decodes_to_the_signature(string extra)
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        var signature = conversation.Token.LastIndexOf('.') + 3;
        var tampered = conversation.Token.Insert(signature, extra);

        var (_, failure) = await _host.Services.GetRequiredService<Microneedling.DirectLine.Tokens.DirectLineTokenService>()
            .ValidateAsync(tampered, Microneedling.DirectLine.Tokens.DirectLineTokenPurpose.Conversation, CancellationToken.None);

        Assert.Equal(Microneedling.DirectLine.Tokens.TokenValidationFailure.Invalid, failure);
    }

    [Fact]
    public async Task Token_with_whitespace_inside_is_refused_over_http()
    {
        var client = _host.NewClient();
        var conversation = await client.StartAsync();
        var tampered = conversation.Token.Insert(conversation.Token.LastIndexOf('.') + 3, " ");

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities", tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
