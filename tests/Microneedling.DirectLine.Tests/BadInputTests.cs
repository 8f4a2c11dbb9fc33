using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>Garbage in gets a 4xx in the service's error shape, never a 500 (§4.1).</summary>
public sealed class BadInputTests(DirectLineHost host) : IClassFixture<DirectLineHost>
{
    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\"}", "text/plain")]
    [InlineData("{\"text\":\"no type\"}", "application/json")]
    [InlineData("", "application/json")]
    // A number where a string belongs ("from": {"id": 42}) is read as its text by the SDK's reader, as from any channel.
    public async Task Bad_activity_body_is_400_with_an_error_code(string body, string contentType)
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversation.Id}/activities", conversation.Token, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_input_is_not_appended_to_the_transcript()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        using var _ = await client.SendAsync(HttpMethod.Post, $"/conversations/{conversation.Id}/activities", conversation.Token, new StringContent("{oops", Encoding.UTF8, "application/json"));

        Assert.Equal("1", (await client.GetActivitiesAsync(conversation))["watermark"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task Garbage_watermark_is_400(string watermark)
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Get, $"/conversations/{conversation.Id}/activities?watermark={watermark}", conversation.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_start_body_is_400()
    {
        var client = host.NewClient();
        var token = (await client.PageTokenAsync())["token"]!.GetValue<string>();

        using var response = await client.SendAsync(HttpMethod.Post, "/conversations", token, DirectLineClient.Json("{user:"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Oversized_activity_is_413()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message(new string('x', 300 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("MessageSizeTooBig", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Oversized_chunked_activity_without_content_length_is_413()
    {
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        var bytes = Encoding.UTF8.GetBytes(DirectLineClient.Message(new string('x', 300 * 1024)));
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v3/directline/conversations/{conversation.Id}/activities", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", conversation.Token);
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
