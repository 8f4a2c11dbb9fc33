using System.Text.Json.Nodes;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

/// <summary>The stack in conversation state survives versions: what it cannot use, it drops.</summary>
public sealed class DialogStackTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("[{\"id\": \"renamedDialog\", \"question\": \"x\", \"candidates\": [\"home-frequency\", \"isotretinoin\"]}]")]
    [InlineData("[{\"id\": \"didYouMean.choice\", \"state\": {\"choices\": \"garbled\"}}]")]
    [InlineData("[{\"id\": \"didYouMean\", \"candidates\": [\"no-such-claim\", \"nor-this\"]}]")]
    [InlineData("\"not a stack\"")]
    public async Task A_stack_saved_by_another_version_is_cleared_and_the_message_handled(string stack)
    {
        var flow = _host.Flow();
        var key = $"webchat/conversations/{flow.ConversationId}";
        await _host.Storage.WriteJsonAsync(key, new JsonObject { ["conversationData"] = new JsonObject { ["dialogStack"] = JsonNode.Parse(stack) } }, etag: null);

        await flow
            .Send("2")
            .AssertReply(reply => Assert.Null(Replies.ClaimReview(reply)))
            .AssertNoMoreReplies()
            .Send(Questions.NeedleLength)
            .AssertReply(answer => Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();

        var data = (await _host.Storage.ConversationDataAsync("webchat", flow.ConversationId))!;
        Assert.Empty(data["dialogStack"]!.AsArray());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"garbled\"")]
    [InlineData("{\"a\": 5}")]
    public async Task Did_you_mean_candidates_of_the_wrong_shape_are_never_thrown_on(string candidates)
    {
        var flow = _host.Flow();
        await flow.Send(Questions.Vague).SkipReplies().StartTestAsync();
        var key = $"webchat/conversations/{flow.ConversationId}";
        var stored = (await _host.Storage.ReadJsonAsync(key))!;
        var frame = stored["conversationData"]!["dialogStack"]!.AsArray().Single(f => (string?)f!["id"] == "didYouMean")!;
        frame["candidates"] = JsonNode.Parse(candidates);
        await _host.Storage.WriteJsonAsync(key, stored);

        await flow
            .Send("none of these")
            .AssertReply(notFound => Assert.Contains("dermatologist", Replies.AllText(notFound), StringComparison.OrdinalIgnoreCase))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task State_written_before_the_typed_accessor_keeps_its_last_claims_and_turns()
    {
        var flow = _host.Flow();
        var key = $"webchat/conversations/{flow.ConversationId}";
        await _host.Storage.WriteJsonAsync(key, new JsonObject { ["lastClaims"] = new JsonArray("isotretinoin"), ["turns"] = 4 }, etag: null);

        await flow
            .Send("sources")
            .AssertReply(sources => Assert.Contains("sources for my last answer", Replies.AllText(sources), StringComparison.OrdinalIgnoreCase))
            .StartTestAsync();

        var data = (await _host.Storage.ConversationDataAsync("webchat", flow.ConversationId))!;
        Assert.Equal(5, (int?)data["turns"]);
    }
}
