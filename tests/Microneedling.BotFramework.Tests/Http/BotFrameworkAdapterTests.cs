using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Auth;
using Microneedling.BotFramework.Connector;
using Microneedling.BotFramework.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microneedling.BotFramework.Tests.Http;

/// <summary>
/// The adapter rejects ids no store can key on, and keeps a conversation's turn lock only while a
/// turn holds or waits on it, so ids chosen by a client cannot grow its memory without bound.
/// </summary>
public sealed class BotFrameworkAdapterTests : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly BotFrameworkAdapter _adapter;

    public BotFrameworkAdapterTests()
    {
        var trusted = new TrustedServiceUrls([], allowLoopback: true);
        _adapter = new BotFrameworkAdapter(
            new ChannelTokenValidator(new BotAuthOptions(), _http),
            new ConnectorClient(_http, new NoAccessTokenProvider(), trusted, NullLogger<ConnectorClient>.Instance),
            trusted,
            [],
            NullLogger<BotFrameworkAdapter>.Instance);
    }

    public void Dispose() => _http.Dispose();

    private static JsonObject Message(string conversationId, string channelId = "webchat", string fromId = "user-1") => new()
    {
        ["type"] = "message",
        ["channelId"] = channelId,
        ["deliveryMode"] = "expectReplies",
        ["from"] = new JsonObject { ["id"] = fromId },
        ["recipient"] = new JsonObject { ["id"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["text"] = "hello",
    };

    private static DefaultHttpContext Request(JsonObject activity)
    {
        var http = new DefaultHttpContext();
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = body.Length;
        http.Request.Body = new MemoryStream(body);
        http.Response.Body = new MemoryStream();
        return http;
    }

    private async Task<(int Status, JsonObject? Body, string? ContentType)> PostAsync(JsonObject activity, IBot bot, CancellationToken cancellationToken = default)
    {
        var http = Request(activity);
        await _adapter.ProcessAsync(http, bot, cancellationToken);
        var body = ((MemoryStream)http.Response.Body).ToArray();
        return (http.Response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject, http.Response.ContentType);
    }

    [Theory]
    [InlineData("conversation")]
    [InlineData("channel")]
    [InlineData("from")]
    public async Task An_id_over_the_limit_gets_400_problem_details_and_runs_no_turn(string which)
    {
        var id = new string('x', BotFrameworkAdapter.MaxIdLength + 1);
        var activity = which switch
        {
            "conversation" => Message(id),
            "channel" => Message("c1", channelId: id),
            _ => Message("c1", fromId: id),
        };
        var bot = new EchoBot();

        var (status, body, contentType) = await PostAsync(activity, bot);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal("Invalid Activity", (string?)body!["title"]);
        Assert.Contains(BotFrameworkAdapter.MaxIdLength.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["detail"], StringComparison.Ordinal);
        Assert.Equal(0, bot.Turns);
    }

    [Fact]
    public async Task A_2000_character_conversation_id_gets_400_not_a_storage_failure()
    {
        var (status, _, _) = await PostAsync(Message(new string('c', 2000)), new EchoBot());
        Assert.Equal(StatusCodes.Status400BadRequest, status);
    }

    [Fact]
    public async Task Ids_at_the_limit_are_accepted()
    {
        var id = new string('x', BotFrameworkAdapter.MaxIdLength);
        var bot = new EchoBot();

        var (status, body, _) = await PostAsync(Message(id, channelId: id, fromId: id), bot);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Single(body!["activities"]!.AsArray());
        Assert.Equal(1, bot.Turns);
    }

    [Fact]
    public async Task Conversation_locks_are_removed_once_their_turn_is_over()
    {
        var bot = new EchoBot();
        for (var i = 0; i < 500; i++)
        {
            var (status, _, _) = await PostAsync(Message("attacker-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), bot);
            Assert.Equal(StatusCodes.Status200OK, status);
        }

        Assert.Equal(500, bot.Turns);
        Assert.Equal(0, _adapter.ConversationLockCount);
    }

    [Fact]
    public async Task A_lock_stays_while_a_turn_runs_or_waits_and_goes_with_the_last_one()
    {
        var bot = new GatedBot();
        var first = PostAsync(Message("c1"), bot);
        await bot.Started.WaitAsync(TimeSpan.FromSeconds(10));
        var second = PostAsync(Message("c1"), bot);
        var other = PostAsync(Message("c2"), bot);

        // c1 has one turn running and one waiting; c2 runs too (different conversation).
        await WaitUntilAsync(() => bot.Turns == 2);
        Assert.Equal(2, _adapter.ConversationLockCount);
        Assert.False(second.IsCompleted);

        bot.Release.SetResult();
        await Task.WhenAll(first, second, other).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, bot.Turns);
        Assert.Equal(0, _adapter.ConversationLockCount);
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_for_the_lock_leaves_no_entry()
    {
        var bot = new GatedBot();
        var first = PostAsync(Message("c1"), bot);
        await bot.Started.WaitAsync(TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource();
        var waiting = PostAsync(Message("c1"), bot, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, _adapter.ConversationLockCount);

        bot.Release.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _adapter.ConversationLockCount);
        // The conversation still works afterwards.
        var (status, _, _) = await PostAsync(Message("c1"), bot);
        Assert.Equal(StatusCodes.Status200OK, status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for the turns to start.");
            await Task.Delay(10);
        }
    }

    private sealed class EchoBot : IBot
    {
        private int _turns;

        public int Turns => Volatile.Read(ref _turns);

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _turns);
            await turnContext.SendActivityAsync("echo", cancellationToken);
        }
    }

    /// <summary>Every turn waits for <see cref="Release"/>.</summary>
    private sealed class GatedBot : IBot
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _turns;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public int Turns => Volatile.Read(ref _turns);

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _turns);
            _started.TrySetResult();
            await Release.Task;
            await turnContext.SendActivityAsync("done", cancellationToken);
        }
    }
}
