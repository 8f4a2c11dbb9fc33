using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests;

public sealed class MessagesEndpointTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    private static JsonObject WithExpectReplies(string payload)
    {
        var activity = (JsonObject)JsonNode.Parse(payload)!;
        activity["deliveryMode"] = "expectReplies";
        activity["conversation"]!["id"] = "conv-" + Guid.NewGuid().ToString("N");
        return activity;
    }

    private async Task<JsonArray> RepliesAsync(JsonObject activity)
    {
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray();
    }

    [Fact]
    public async Task Web_Chat_message_with_expectReplies_gets_the_answer_in_the_body_with_a_ClaimReview()
    {
        var replies = await RepliesAsync(WithExpectReplies(BotHostFactory.Payload("webchat-message")));
        var answer = Assert.Single(replies);
        Assert.Equal("message", (string?)answer!["type"]);
        Assert.Contains("False", answer["attachments"]![0]!["content"]!.ToJsonString(), StringComparison.Ordinal);
        // The sources are on the answer's Adaptive Card.
        var card = answer["attachments"]!.AsArray().Single(a => (string?)a!["contentType"] == "application/vnd.microsoft.card.adaptive")!;
        Assert.Contains("https://doi.org/", card["content"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("DxW9kLxA1Dq-eu|0000001", (string?)answer["replyToId"]);
        Assert.Equal("dl_user123", (string?)answer["recipient"]!["id"]);
        var review = answer["entities"]!.AsArray().Single(e => (string?)e!["type"] == "https://schema.org/ClaimReview")!;
        Assert.Equal("ClaimReview", (string?)review["@type"]);
        Assert.Equal("home-frequency", (string?)review["identifier"]);
        Assert.Equal("false", (string?)review["reviewRating"]!["alternateName"]);
        Assert.StartsWith("https://", (string?)review["url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_message_is_answered_through_the_Connector_at_its_serviceUrl()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("emulator-message"))!;
        activity["conversation"]!["id"] = "emu-" + Guid.NewGuid().ToString("N");
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(host.Connector.Calls, c => c.Url.AbsoluteUri.Contains((string)activity["conversation"]!["id"]!, StringComparison.Ordinal));
        Assert.Equal(HttpMethod.Post, call.Method);
        Assert.StartsWith("http://localhost:51234/v3/conversations/", call.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith("/activities/" + Uri.EscapeDataString((string)activity["id"]!), call.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Null(call.Authorization); // local mode: no credentials, no token
        Assert.Contains("isotretinoin", call.Body["entities"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_mention_is_removed_before_matching_and_the_reply_stays_in_the_thread()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("teams-message-with-mention"));
        activity["conversation"]!["id"] = "19:abc123@thread.tacv2;messageid=1700000000000";
        var replies = await RepliesAsync(activity);
        var answer = replies.First(r => r!["entities"] is not null)!;
        Assert.Contains("home-needle-length", answer["entities"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("19:abc123@thread.tacv2;messageid=1700000000000", (string?)answer["conversation"]!["id"]);
        Assert.Equal("1700000000001", (string?)answer["replyToId"]);
        Assert.DoesNotContain("<at>", (string?)answer["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_conversationUpdate_welcomes_the_user_but_not_the_bot()
    {
        var replies = await RepliesAsync(WithExpectReplies(BotHostFactory.Payload("teams-conversation-update")));
        var welcome = Assert.Single(replies);
        Assert.Contains("not medical advice", VisibleText(welcome!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Red_flag_comes_first_and_alone_before_the_claim()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["text"] = "my face is swelling fast and I can't breathe after numbing cream, was that cream safe?";
        var replies = await RepliesAsync(activity);
        Assert.True(replies.Count >= 2);
        Assert.Contains("emergency", (string?)replies[0]!["text"], StringComparison.OrdinalIgnoreCase);
        Assert.Null(replies[0]!["entities"]);
    }

    [Fact]
    public async Task Out_of_scope_question_gets_no_claim_and_a_referral()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["text"] = "what's the best pizza in town";
        var reply = Assert.Single(await RepliesAsync(activity));
        Assert.Null(reply!["entities"]);
        Assert.Contains("dermatologist", VisibleText(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_ten_thousand_characters_gets_a_short_please_shorten_message()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["text"] = string.Concat(Enumerable.Repeat("derma roller ", 1000));
        var reply = Assert.Single(await RepliesAsync(activity));
        Assert.Contains("one short question", (string?)reply!["text"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("somethingNew")]
    [InlineData("event")]
    public async Task Other_activity_types_are_acknowledged_and_ignored(string type)
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["type"] = type;
        Assert.Empty(await RepliesAsync(activity));
    }

    [Fact]
    public async Task Unhandled_invoke_answers_501()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["type"] = "invoke";
        // composeExtension/* is the Teams message extension's now (Teams/); tabs are not built.
        activity["name"] = "tab/fetch";
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Teams_Action_Execute_invoke_answers_200_with_a_message_and_the_answer_goes_through_the_Connector()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-message-with-mention"))!;
        var conversation = "19:exec-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["serviceUrl"] = "http://localhost:51234/";
        activity["conversation"]!["id"] = conversation;
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "feedback",
                ["data"] = new JsonObject { ["action"] = "feedback", ["claimId"] = "home-frequency", ["vote"] = "helpful" },
            },
        };
        using var response = await host.PostAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["value"]));
        Assert.Single(host.Connector.Calls, c => c.Url.AbsoluteUri.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Web_Chat_Action_Submit_with_a_value_and_no_text_is_answered()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity.Remove("text");
        activity["value"] = new JsonObject { ["action"] = "pick", ["claimId"] = "isotretinoin" };
        var answer = Assert.Single(await RepliesAsync(activity));
        Assert.Contains("isotretinoin", answer!["entities"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_text_never_reaches_the_logs_at_information_or_above()
    {
        var logs = new CapturingLoggerProvider();
        using var logged = host.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = logged.CreateClient();
        foreach (var text in new[] { "my lips are swelling and I can't breathe after microneedling", "what's the best pizza in town", "microneedling at home" })
        {
            var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
            activity["text"] = text;
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var lines = logs.Lines(LogLevel.Information);
        Assert.Contains(lines, l => l.Contains("Checked a message", StringComparison.Ordinal));
        foreach (var word in new[] { "lips", "swelling", "pizza", "at home" })
            Assert.DoesNotContain(lines, l => l.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_the_semantic_matcher_off_the_host_warns_at_start_up_and_still_answers()
    {
        var logs = new CapturingLoggerProvider();
        using var lexical = host.WithWebHostBuilder(b => b.UseSetting("Matching:Semantic", "false").ConfigureLogging(l => l.AddProvider(logs)));
        using var client = lexical.CreateClient();
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["text"] = "how often can I use my derma roller at home";
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("home-frequency", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(logs.Lines(LogLevel.Warning), l => l.Contains("Matching:Semantic=false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_danger_sign_asked_about_as_a_risk_gets_what_to_do_if_it_is_happening_first_then_the_answer()
    {
        var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
        activity["text"] = "could the numbing cream they use ever cause a seizure?";
        var replies = await RepliesAsync(activity);
        Assert.True(replies.Count >= 2, "the conditional advice, then the answer");
        Assert.Contains("If this is happening to you now", replies[0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Get help now.", replies[0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("numbing-cream", replies[1]!["entities"]!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>Keeps the formatted log lines of the host.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<(LogLevel Level, string Text)> _lines = [];

        public IReadOnlyList<string> Lines(LogLevel atLeast)
        {
            lock (_lines) return _lines.Where(l => l.Level >= atLeast).Select(l => l.Text).ToList();
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider._lines) provider._lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    /// <summary>Everything a reply shows: its text and its card (JSON-escaped apostrophes aside).</summary>
    private static string VisibleText(JsonNode reply) => reply.ToJsonString();

    [Fact]
    public async Task Two_messages_of_one_conversation_at_once_lose_no_state_write()
    {
        var conversation = "race-" + Guid.NewGuid().ToString("N");
        var posts = Enumerable.Range(0, 10).Select(i =>
        {
            var activity = WithExpectReplies(BotHostFactory.Payload("webchat-message"));
            activity["conversation"]!["id"] = conversation;
            activity["id"] = "m" + i;
            return host.PostAsync(activity.ToJsonString());
        });
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var storage = host.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>();
        var state = (Newtonsoft.Json.Linq.JObject)(await storage.ReadAsync(["webchat/conversations/" + conversation])).Values.Single();
        Assert.Equal(10, (int?)state["conversationData"]!["turns"]);
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        var ready = await client.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Contains("\"claims\":42", ready, StringComparison.Ordinal);
    }
}
