using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

/// <summary>
/// Entities and membersAdded are client JSON of any shape: a malformed one is skipped and the
/// question still gets its answer; the turn never throws.
/// </summary>
public sealed class MalformedEntityTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>Entity lists a client may send; the JSON <c>null</c> entry is a null in the list.</summary>
    public static TheoryData<string> BadEntities => new()
    {
        "[null]",
        "[{\"type\": 5}]",
        "[{\"type\": [\"mention\"]}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": 42}, \"text\": \"<at>Claim Checker</at>\"}]",
        "[{\"type\": \"mention\", \"mentioned\": \"bot-claim-checker\", \"text\": \"<at>Claim Checker</at>\"}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": \"bot-claim-checker\"}, \"text\": 7}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": \"bot-claim-checker\"}, \"text\": {\"a\": 1}}]",
        "[{\"type\": \"mention\", \"mentioned\": {\"id\": null}, \"text\": null}]",
        "[null, {\"type\": \"mention\", \"mentioned\": {\"id\": \"bot-claim-checker\"}, \"text\": \"<at>Claim Checker</at>\"}]",
        "[{\"type\": \"mention\", \"type\": \"mention\", \"text\": \"<at>Claim Checker</at>\"}]",
    };

    /// <summary>The entities as the SDK reads them off the wire (the host's reader: malformed members dropped, null entries removed).</summary>
    private static IList<Entity>? Entities(string json) =>
        Microneedling.BotFramework.Http.ActivityReader.Parse(System.Text.Encoding.UTF8.GetBytes("{\"entities\": " + json + "}"))!.Entities;

    [Theory]
    [MemberData(nameof(BadEntities))]
    public void Reading_a_message_with_malformed_entities_never_throws(string entities)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "msteams",
            Recipient = new ChannelAccount { Id = TestFlow.BotId },
            Text = "<at>Claim Checker</at> " + Questions.NeedleLength,
            Entities = Entities(entities),
        };

        var input = TurnInputReader.ReadMessage(activity);

        Assert.Null(input.Problem);
        Assert.Equal(Questions.NeedleLength, input.Text);
    }

    [Theory]
    [MemberData(nameof(BadEntities))]
    public async Task A_question_with_malformed_entities_still_gets_its_answer(string entities)
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message("<at>Claim Checker</at> " + Questions.NeedleLength, a => a.Entities = Entities(entities)))
            .AssertReply(answer => Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Null_members_added_are_skipped_and_the_person_is_welcomed()
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message(null, a =>
            {
                a.Type = ActivityTypes.ConversationUpdate;
                a.MembersAdded = [null!, new ChannelAccount { Id = TestFlow.BotId }, new ChannelAccount { Id = TestFlow.UserId }];
            }))
            .AssertReplyContains("not medical advice")
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Only_null_members_added_welcome_nobody()
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message(null, a =>
            {
                a.Type = ActivityTypes.ConversationUpdate;
                a.MembersAdded = [null!, null!];
            }))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    public static TheoryData<string> DuplicatePropertyValues => new()
    {
        "{\"action\": {\"data\": {\"action\": \"ask\"}, \"data\": {\"action\": \"ask\"}}}",
        "{\"action\": {\"data\": 1}, \"action\": {\"data\": 2}}",
    };

    [Theory]
    [MemberData(nameof(DuplicatePropertyValues))]
    public async Task An_invoke_whose_value_repeats_a_property_is_read_as_JSON_readers_do_and_answered(string value)
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message(null, a =>
            {
                a.Type = ActivityTypes.Invoke;
                a.Name = "adaptiveCard/action";
                a.Value = Newtonsoft.Json.Linq.JToken.Parse(value);
            }))
            // The SDK's JSON reader keeps the last of a repeated name: the press is read, never thrown on.
            .AssertInvokeResponse(response => Assert.Equal(200, response.Status))
            .AssertReply(reply => Assert.False(string.IsNullOrWhiteSpace(Replies.AllText(reply))))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_button_value_that_repeats_a_property_gets_an_answer_or_a_clear_message()
    {
        await _host.Flow()
            .SendValue(JsonNode.Parse("{\"action\": \"ask\", \"action\": \"ask\", \"question\": \"" + Questions.NeedleLength + "\"}"))
            .AssertReply(answer => Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
