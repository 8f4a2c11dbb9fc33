using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microneedling.Tests.Shared;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using StackExchange.Redis;

namespace Microneedling.DirectLine.Tests.Redis;

/// <summary>
/// Several bot instances on one real Redis, as behind a round-robin balancer with no affinity: a
/// conversation's requests land on any instance and nothing is lost, repeated or raced.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ScaleOutTests : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private readonly List<RedisBotHost> _hosts = [];

    public ScaleOutTests(RedisServer redis)
    {
        _redis = redis;
        _redis.Start();
        _redis.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    private RedisBotHost Host(Func<IServiceProvider, IBot>? bot = null, Dictionary<string, string?>? settings = null)
    {
        var host = new RedisBotHost(_redis, bot, settings);
        _hosts.Add(host);
        return host;
    }

    [Fact]
    public async Task A_conversation_started_on_one_instance_posted_on_another_and_streamed_from_a_third_gets_every_activity_once_in_order()
    {
        var echo = new EchoBot();
        var (a, b, c) = (Host(_ => echo).NewClient(), Host(_ => echo).NewClient(), Host(_ => echo).NewClient());
        var conversation = await a.StartAsync();
        using var stream = await c.OpenStreamAsync(conversation.StreamUrl);

        for (var i = 0; i < 10; i++) await (i % 2 == 0 ? b : a).SayAsync(conversation, "m" + i, "c" + i);

        var streamed = new List<JsonObject>();
        while (streamed.Count < 21)
        {
            var set = await DirectLineClient.ReceiveSetAsync(stream);
            streamed.AddRange(set["activities"]!.AsArray().Select(x => x!.AsObject()));
        }
        var polled = (await b.GetActivitiesAsync(conversation))["activities"]!.AsArray().Select(x => x!.AsObject()).ToList();
        var expected = new List<string> { "welcome" };
        for (var i = 0; i < 10; i++) expected.AddRange(["m" + i, "echo: m" + i]);

        Assert.Equal(expected, streamed.Select(x => (string?)x["text"]));
        Assert.Equal(expected, polled.Select(x => (string?)x["text"]));
        Assert.Equal(21, streamed.Select(x => (string?)x["id"]).Distinct().Count());
        // Nothing more arrives: no activity was delivered twice.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DirectLineClient.ReceiveSetAsync(stream, TimeSpan.FromMilliseconds(700)));
    }

    [Fact]
    public async Task Did_you_mean_asked_on_one_instance_is_answered_on_another()
    {
        var (a, b) = (Host().NewClient(), Host().NewClient());
        var conversation = await a.StartAsync();

        await a.SayAsync(conversation, "microneedling results", "q1");
        var asked = await a.GetActivitiesAsync(conversation);
        var prompt = asked["activities"]!.AsArray().Last()!.AsObject();
        Assert.Equal("expectingInput", (string?)prompt["inputHint"]);
        Assert.Null(ClaimReview(prompt));

        await b.SayAsync(conversation, "2", "q2");
        var answered = await b.GetActivitiesAsync(conversation, (string?)asked["watermark"]);

        var answer = answered["activities"]!.AsArray().Select(x => x!.AsObject()).Last(x => (string?)x["from"]?["role"] == "bot");
        Assert.NotNull(ClaimReview(answer));
    }

    [Fact]
    public async Task A_post_retried_on_another_instance_gets_the_first_id_and_runs_once()
    {
        var bot = new EchoBot();
        var (a, b) = (Host(_ => bot).NewClient(), Host(_ => bot).NewClient());
        var conversation = await a.StartAsync();

        var first = await a.SayAsync(conversation, "once", "retry-across");
        var retry = await b.SayAsync(conversation, "once", "retry-across");

        Assert.Equal(first, retry);
        Assert.Single(DirectLineClient.Texts(await b.GetActivitiesAsync(conversation)), t => t == "echo: once");
        lock (bot.Received) Assert.Single(bot.Received, x => x.Text == "once");
    }

    [Fact]
    public async Task Twenty_concurrent_turns_of_one_conversation_across_three_instances_lose_no_state_write()
    {
        var bot = (IServiceProvider services) => (IBot)new CountingBot(services.GetRequiredService<ConversationState>());
        var clients = new[] { Host(bot).NewClient(), Host(bot).NewClient(), Host(bot).NewClient() };
        var conversation = await clients[0].StartAsync();

        var posts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            using var response = await clients[i % 3].PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("count", "c" + i));
            return response.StatusCode;
        })).ToArray();
        var statuses = await Task.WhenAll(posts);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var texts = DirectLineClient.Texts(await clients[1].GetActivitiesAsync(conversation));
        Assert.Equal(Enumerable.Range(1, 20).Select(n => "count " + n), texts.Where(t => t!.StartsWith("count ", StringComparison.Ordinal)).Where(t => t != "count"));
        var state = await new RedisStorage(_hosts[2].Services.GetRequiredService<IConnectionMultiplexer>())
            .ReadAsync([DirectLineConversationStore.BotStateKey(conversation.Id)]);
        Assert.Equal(20, (int)((JObject)state.Values.Single())["count"]!);
    }

    [Fact]
    public async Task An_instance_killed_mid_turn_releases_the_conversation_by_lease_expiry()
    {
        var stuck = new EchoBot();
        var settings = new Dictionary<string, string?> { ["Messages:TurnLeaseTime"] = "00:00:02", ["DirectLine:BotTimeout"] = "00:00:06" };
        var doomed = Host(_ => stuck, settings);
        var survivor = Host(_ => new EchoBot(), settings).NewClient();
        var conversation = await doomed.NewClient().StartAsync();
        var hanging = doomed.NewClient().PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("slow", "s1"));
        await WaitUntilAsync(() => stuck.Received.Any(x => x.Text == "slow"));

        // The instance dies mid-turn: its Redis connection goes with it, so the lease is neither renewed nor released.
        doomed.Services.GetRequiredService<IConnectionMultiplexer>().Dispose();
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await survivor.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("after", "s2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        Assert.Contains("echo: after", DirectLineClient.Texts(await survivor.GetActivitiesAsync(conversation)));
        stuck.Release();
        (await hanging).Dispose();
    }

    [Fact]
    public async Task Readyz_is_503_and_turns_answer_503_while_redis_is_down_and_both_recover_when_it_is_back()
    {
        var host = Host(_ => new EchoBot());
        var client = host.NewClient();
        var http = host.CreateClient();
        var conversation = await client.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

        _redis.Stop();
        try
        {
            await WaitForStatusAsync(http, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var post = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("lost?", "o1"));
            using var messages = await http.PostAsync(new Uri("/api/messages", UriKind.Relative), DirectLineClient.Json(ExpectRepliesMessage));
            // The page's token endpoint counts its rate limit in Redis: it too says why, not a bare 500.
            using var pageToken = await http.PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), $"took {started.Elapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pageToken.StatusCode);
            Assert.Equal("application/problem+json", pageToken.Content.Headers.ContentType?.MediaType);
            Assert.Equal("5", pageToken.Headers.GetValues("Retry-After").Single());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.Equal("ServiceUnavailable", (string?)(await post.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, messages.StatusCode);
            Assert.Equal("application/problem+json", messages.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            _redis.Start();
        }

        await WaitForStatusAsync(http, HttpStatusCode.OK, TimeSpan.FromSeconds(20));
        var fresh = await client.StartAsync();
        Assert.Equal("echo: back", DirectLineClient.Texts(await GetAfterSayAsync(client, fresh, "back")).Last());
    }

    [Fact]
    public async Task A_redelivered_activity_landing_on_another_instance_gets_the_first_answer_and_runs_once()
    {
        var echo = new EchoBot();
        var (a, b) = (Host(_ => echo).CreateClient(), Host(_ => echo).CreateClient());
        var activity = ExpectRepliesMessage.Replace("outage-1", "redelivery-1", StringComparison.Ordinal);

        using var first = await a.PostAsync(new Uri("/api/messages", UriKind.Relative), DirectLineClient.Json(activity));
        using var again = await b.PostAsync(new Uri("/api/messages", UriKind.Relative), DirectLineClient.Json(activity));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = await first.Content.ReadAsStringAsync();
        Assert.Contains("echo: hello", answer, StringComparison.Ordinal);
        Assert.Equal(answer, await again.Content.ReadAsStringAsync());
        Assert.Single(echo.Received, x => x.Type == "message");
    }

    [Fact]
    public async Task Garbage_is_refused_as_on_one_instance()
    {
        var (a, b) = (Host(_ => new EchoBot()).NewClient(), Host(_ => new EchoBot()).NewClient());
        var conversation = await a.StartAsync();

        using var wrongToken = await b.PostActivityAsync(conversation.Id, conversation.Token + "x", DirectLineClient.Message("hi"));
        using var malformed = await b.PostActivityAsync(conversation.Id, conversation.Token, "{\"type\": \"message\", ");
        using var otherConversation = await b.PostActivityAsync("not-" + conversation.Id, conversation.Token, DirectLineClient.Message("hi"));

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherConversation.StatusCode);
        Assert.Equal(["welcome"], DirectLineClient.Texts(await b.GetActivitiesAsync(conversation)));
    }

    private const string ExpectRepliesMessage = """
        {"type":"message","id":"m1","channelId":"webchat","serviceUrl":"http://localhost/","deliveryMode":"expectReplies",
         "conversation":{"id":"outage-1"},"from":{"id":"u1"},"recipient":{"id":"bot"},"text":"hello"}
        """;

    private static JsonObject? ClaimReview(JsonObject activity) =>
        activity["entities"]?.AsArray().OfType<JsonObject>().FirstOrDefault(e => (string?)e["@type"] == "ClaimReview");

    private static async Task<JsonObject> GetAfterSayAsync(DirectLineClient client, Started conversation, string text)
    {
        await client.SayAsync(conversation, text);
        return await client.GetActivitiesAsync(conversation);
    }

    private static async Task WaitForStatusAsync(HttpClient http, HttpStatusCode status, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        HttpStatusCode last;
        do
        {
            using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            last = response.StatusCode;
            if (last == status) return;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"/readyz answered {last}, not {status}, for {within}.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("The condition did not hold within 10 s.");
            await Task.Delay(20);
        }
    }
}
