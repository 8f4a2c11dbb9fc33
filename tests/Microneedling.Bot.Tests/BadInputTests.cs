using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Microneedling.Bot.Tests;

/// <summary>Client mistakes get a clear 4xx problem answer, never a 500, and run no turn.</summary>
public sealed class BadInputTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    [Theory]
    [InlineData("{bad json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("{\"type\": 42}")]
    [InlineData("\u0001\u0002\u0003")]
    [InlineData("")]
    public async Task Malformed_bodies_get_400_problem_details(string body)
    {
        using var response = await host.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("conversation")]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    public async Task Missing_required_fields_get_400(string field)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("emulator-message"))!;
        activity.Remove(field);
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_256_KB_gets_413()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["text"] = new string('a', 300 * 1024);
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Non_json_content_type_gets_415()
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Untrusted_serviceUrl_is_never_called_and_answers_502()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("emulator-message"))!;
        activity["serviceUrl"] = "https://attacker.example.com/";
        var attemptsBefore = host.Connector.Attempts;
        activity["conversation"]!["id"] = "evil-" + Guid.NewGuid().ToString("N");
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(host.Connector.Calls, c => c.Url.Host == "attacker.example.com");
        Assert.Equal(attemptsBefore, host.Connector.Attempts);
    }

    [Fact]
    public async Task Control_characters_and_empty_text_are_handled()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        foreach (var text in new[] { "", "\u0000\u0007\u001b[31m", "   ", "🙂" })
        {
            activity["text"] = text;
            using var response = await host.PostAsync(activity.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
