using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData("https://attacker.example.com/")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://webchat.botframework.com/")]
    [InlineData("http://10.0.0.7/")]
    public async Task Untrusted_serviceUrl_in_local_mode_is_refused_with_403_before_the_turn_runs(string serviceUrl)
    {
        // A question with no checked answer would write a curation record: none may be written.
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("emulator-message"))!;
        activity["serviceUrl"] = serviceUrl;
        activity["text"] = "what is the best pizza in town " + Guid.NewGuid().ToString("N");
        var conversation = "evil-" + Guid.NewGuid().ToString("N");
        activity["conversation"]!["id"] = conversation;
        var attemptsBefore = host.Connector.Attempts;

        using var response = await host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(attemptsBefore, host.Connector.Attempts);
        var storage = host.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>();
        Assert.Empty(await storage.ReadAsync([$"emulator/conversations/{conversation}"]));
        Assert.Empty(await storage.ReadAsync([Microneedling.Dialogs.Curation.UnansweredQuestionLog.KeyFor((string)activity["text"]!)]));
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

    /// <summary>Posts <paramref name="activity"/> with expectReplies; returns the status and the replies.</summary>
    private async Task<(HttpStatusCode Status, JsonArray? Replies)> PostExpectingRepliesAsync(JsonObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"]!["id"] = "bad-input-" + Guid.NewGuid().ToString("N");
        using var response = await host.PostAsync(activity.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        var replies = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body)?["activities"]?.AsArray() : null;
        return (response.StatusCode, replies);
    }

    public static TheoryData<string> MalformedEntities => new()
    {
        "[null]",
        "[null, null]",
        "[{\"type\": 5}]",
        "[{\"type\": [\"mention\"]}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": 42}, \"text\": \"<at>Claim Checker</at>\"}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": \"28:00000000-0000-4000-8000-00000000b071\"}, \"text\": 5}]",
        "[{\"type\": \"mention\", \"mentioned\": [\"28:00000000-0000-4000-8000-00000000b071\"], \"text\": \"<at>Claim Checker</at>\"}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": null}, \"text\": {}}]",
        "[{\"type\": \"mention\", \"type\": \"mention\"}]",
    };

    [Theory]
    [MemberData(nameof(MalformedEntities))]
    public async Task Malformed_entities_still_get_the_answer_never_a_500(string entities)
    {
        foreach (var payload in new[] { "teams-message-with-mention", "webchat-message" })
        {
            var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload(payload))!;
            activity["entities"] = JsonNode.Parse(entities);

            var (status, replies) = await PostExpectingRepliesAsync(activity);

            Assert.Equal(HttpStatusCode.OK, status);
            // The question is answered as if the entities were not there: a checked answer with its ClaimReview.
            Assert.Contains(replies!, r => r?["entities"]?.AsArray().Any(e => (string?)e?["@type"] == "ClaimReview") == true);
            Assert.DoesNotContain(replies!, r => ((string?)r?["text"] ?? "").Contains("<at>", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"tenant\": 5, \"team\": [\"x\"]}")]
    [InlineData("{\"tenant\": {\"id\": 5}, \"team\": {\"id\": {}}}")]
    public async Task Malformed_channel_data_still_gets_the_answer(string channelData)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-message-with-mention"))!;
        activity["channelData"] = JsonNode.Parse(channelData);

        var (status, replies) = await PostExpectingRepliesAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(replies!);
    }

    [Fact]
    public async Task Null_members_added_are_skipped_and_the_person_is_welcomed()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-conversation-update"))!;
        var members = activity["membersAdded"]!.AsArray();
        members.Insert(0, null);
        members.Add(null);

        var (status, replies) = await PostExpectingRepliesAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(replies!);
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[null, null]")]
    public async Task Only_null_members_added_get_200_and_no_welcome(string members)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-conversation-update"))!;
        activity["membersAdded"] = JsonNode.Parse(members);

        var (status, replies) = await PostExpectingRepliesAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(replies!);
    }

    [Theory]
    [InlineData("{\"action\": \"ask\", \"action\": \"pick\"}")]
    [InlineData("{\"action\": \"ask\", \"question\": 5}")]
    [InlineData("{\"action\": null}")]
    public async Task Malformed_button_values_get_a_sorry_never_a_500(string value)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["value"] = JsonNode.Parse(value);

        var (status, replies) = await PostExpectingRepliesAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Sorry", (string?)Assert.Single(replies!)!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_with_invisible_characters_gets_the_same_answer()
    {
        var plain = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        var hidden = (JsonObject)plain.DeepClone();
        hidden["text"] = "is home\u200B rolling\u202E 3-5\u2066 times a week\u2069 safe?\uFEFF";

        var (_, expected) = await PostExpectingRepliesAsync(plain);
        var (status, actual) = await PostExpectingRepliesAsync(hidden);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            expected!.Select(r => r?["entities"]?.ToJsonString()),
            actual!.Select(r => r?["entities"]?.ToJsonString()));
    }

    [Theory]
    [InlineData("conversation", 513)]
    [InlineData("conversation", 2000)]
    [InlineData("channelId", 513)]
    [InlineData("from", 513)]
    public async Task Ids_over_512_characters_get_400_problem_details(string field, int length)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        var id = new string('x', length);
        switch (field)
        {
            case "conversation": activity["conversation"]!["id"] = id; break;
            case "channelId": activity["channelId"] = id; break;
            default: activity["from"]!["id"] = id; break;
        }

        using var response = await host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("512", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_id_of_512_characters_is_answered()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"]!["id"] = new string('x', 512);

        using var response = await host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"action\": {\"data\": {\"action\": \"ask\"}, \"data\": {\"action\": \"ask\"}}}")]
    [InlineData("{\"action\": {\"data\": 1}, \"action\": {\"data\": 2}}")]
    [InlineData("{\"action\": {\"data\": {\"action\": \"ask\", \"question\": 5}}}")]
    [InlineData("[1]")]
    public async Task A_malformed_card_action_invoke_answers_200_never_500(string value)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-message-with-mention"))!;
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"]!["id"] = "bad-invoke-" + Guid.NewGuid().ToString("N");
        activity.Remove("text");
        activity.Remove("entities");
        // The raw text keeps the repeated property names (a JsonObject would not).
        var json = activity.ToJsonString().TrimEnd('}') + ",\"value\":" + value + "}";

        using var response = await host.PostAsync(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
    }
}
