using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

/// <summary>The stack in conversation state survives versions: what it cannot use, it drops.</summary>
public sealed class DialogStackTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("[{\"id\": \"renamedDialog\", \"state\": {}}]")]
    [InlineData("[{\"id\": \"didYouMean.choice\", \"state\": {\"choices\": \"garbled\"}}]")]
    [InlineData("\"not a stack\"")]
    public async Task A_stack_saved_by_another_version_is_cleared_and_the_message_handled(string stack)
    {
        var flow = _host.Flow();
        var key = $"webchat/conversations/{flow.ConversationId}";
        await _host.Storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            [key] = new(new JsonObject { ["dialogStack"] = JsonNode.Parse(stack) }, null),
        });

        await flow
            .Send("2")
            .AssertReply(reply => Assert.Null(Replies.ClaimReview(reply)))
            .AssertNoMoreReplies()
            .Send(Questions.NeedleLength)
            .AssertReply(answer => Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();

        var state = (await _host.Storage.ReadAsync([key]))[key].Value;
        Assert.Empty(state["dialogStack"]!.AsArray());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"garbled\"")]
    [InlineData("{\"question\": 5, \"candidates\": \"x\"}")]
    public async Task Did_you_mean_options_of_the_wrong_shape_are_read_as_empty_never_thrown_on(string options)
    {
        var flow = _host.Flow();
        await flow.Send(Questions.Vague).SkipReplies().StartTestAsync();
        var key = $"webchat/conversations/{flow.ConversationId}";
        var stored = (await _host.Storage.ReadAsync([key]))[key];
        var frame = stored.Value["dialogStack"]!.AsArray().Single(f => (string?)f!["id"] == "didYouMean")!;
        frame["state"]!["values"]!["options"] = JsonNode.Parse(options);
        await _host.Storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(stored.Value, stored.ETag) });

        await flow
            .Send("none of these")
            .AssertReply(notFound => Assert.Contains("dermatologist", Replies.AllText(notFound), StringComparison.OrdinalIgnoreCase))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
