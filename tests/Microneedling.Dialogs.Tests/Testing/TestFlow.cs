using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>
/// A conversation transcript run in process, as Bot Builder's TestFlow:
/// <c>.Send("hi").AssertReply(...).Send(...)</c>, then <see cref="StartTestAsync"/>. Each send is
/// one turn of the real bot through the SDK's test adapter (<see cref="TranscriptAdapter"/>); every
/// reply must be asserted (or explicitly skipped) before the next send, so "first and alone" means
/// what it says. (Ours rather than the SDK's TestFlow for the Teams invokes, other channels and
/// conversation shapes the tests send.)
/// </summary>
public sealed class TestFlow
{
    public const string UserId = "user-7f3a";
    public const string BotId = "bot-claim-checker";

    private readonly DialogTestHost _host;
    private readonly string _channelId;
    private readonly List<Func<Task>> _steps = [];
    private readonly Queue<Activity> _replies = new();
    private readonly TranscriptAdapter _adapter = new();
    private InvokeResponse? _lastInvokeResponse;
    private int _nextId;

    public TestFlow(DialogTestHost host, string channelId)
    {
        _host = host;
        _channelId = channelId;
        ConversationId = "conv-" + Guid.NewGuid().ToString("N");
    }

    public string ConversationId { get; }

    /// <summary>A message as this conversation's user sends it; <paramref name="configure"/> adjusts it.</summary>
    public Activity Message(string? text, Action<Activity>? configure = null)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "m" + (++_nextId).ToString(CultureInfo.InvariantCulture),
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = _channelId,
            ServiceUrl = "https://channel.example/",
            From = new ChannelAccount { Id = UserId, Name = "Alex" },
            Recipient = new ChannelAccount { Id = BotId, Name = "Claim Checker" },
            Conversation = new ConversationAccount { Id = ConversationId },
            Locale = "en-US",
            Text = text,
        };
        configure?.Invoke(activity);
        return activity;
    }

    public TestFlow Send(string? text) => Send(Message(text));

    /// <summary>An Action.Submit press: a message whose value is the button data and no text.</summary>
    public TestFlow SendValue(JsonNode? value) => Send(Message(null, a => a.Value = ToToken(value)));

    /// <summary>A Teams Action.Execute press: an adaptiveCard/action invoke carrying the data.</summary>
    public TestFlow SendExecute(JsonNode? data) => Send(Message(null, a =>
    {
        a.Type = ActivityTypes.Invoke;
        a.Name = "adaptiveCard/action";
        a.Value = ToToken(new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = data?.DeepClone() } });
    }));

    public TestFlow SendMembersAdded(params string[] memberIds) => Send(Message(null, a =>
    {
        a.Type = ActivityTypes.ConversationUpdate;
        a.MembersAdded = [.. memberIds.Select(id => new ChannelAccount { Id = id })];
    }));

    public TestFlow Send(Activity activity)
    {
        _steps.Add(async () =>
        {
            if (_replies.Count > 0) Assert.Fail($"{_replies.Count} reply(ies) of the previous turn were not asserted: {Describe(_replies.Peek())}");
            _lastInvokeResponse = null;
            await _adapter.RunTurnAsync(activity, _host.Bot.OnTurnAsync);
            while (_adapter.ActiveQueue.Count > 0)
            {
                var reply = _adapter.ActiveQueue.Dequeue();
                if (reply.Type == "invokeResponse") _lastInvokeResponse = (InvokeResponse)reply.Value;
                else _replies.Enqueue(reply);
            }
        });
        return this;
    }

    public TestFlow AssertReply(Action<Activity> check)
    {
        _steps.Add(() =>
        {
            Assert.True(_replies.Count > 0, "Expected a reply, but the bot sent no (more) replies.");
            var reply = _replies.Dequeue();
            Assert.Equal(ActivityTypes.Message, reply.Type);
            Assert.Equal(ConversationId, reply.Conversation?.Id);
            Assert.Equal(UserId, reply.Recipient?.Id);
            check(reply);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>The next reply's visible text (message text, or the card's text blocks) contains <paramref name="expected"/>.</summary>
    public TestFlow AssertReplyContains(string expected) =>
        AssertReply(a => Assert.Contains(expected, Replies.AllText(a), StringComparison.OrdinalIgnoreCase));

    public TestFlow AssertNoMoreReplies()
    {
        _steps.Add(() =>
        {
            if (_replies.Count > 0) Assert.Fail($"Expected no more replies, got: {Describe(_replies.Peek())}");
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Drops the replies not asserted yet (for steps that only set the scene).</summary>
    public TestFlow SkipReplies()
    {
        _steps.Add(() =>
        {
            _replies.Clear();
            return Task.CompletedTask;
        });
        return this;
    }

    public TestFlow AssertInvokeResponse(Action<InvokeResponse> check)
    {
        _steps.Add(() =>
        {
            Assert.NotNull(_lastInvokeResponse);
            check(_lastInvokeResponse);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Runs a check between turns (storage, logs).</summary>
    public TestFlow Then(Func<Task> check)
    {
        _steps.Add(check);
        return this;
    }

    public async Task StartTestAsync()
    {
        foreach (var step in _steps) await step();
    }

    private static string Describe(Activity reply) => Replies.AllText(reply);

    /// <summary>A test's JSON as the SDK carries a channel's JSON (a Newtonsoft token).</summary>
    public static JToken? ToToken(JsonNode? node) => node is null ? null : JToken.Parse(node.ToJsonString());
}
