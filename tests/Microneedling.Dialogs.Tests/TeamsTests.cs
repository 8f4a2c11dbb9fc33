using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class TeamsTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_bot_mention_is_removed_before_the_question_is_checked()
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message("<at>Claim Checker</at> " + Questions.NeedleLength, a => a.Entities =
            [
                new Mention(new ChannelAccount(TestFlow.BotId, "Claim Checker"), "<at>Claim Checker</at>"),
            ]))
            .AssertReply(answer =>
            {
                Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]);
                Assert.DoesNotContain("<at>", Replies.AllText(answer), StringComparison.Ordinal);
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_mention_alone_gets_the_help()
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message("<at>Claim Checker</at>", a => a.Entities =
                [new Mention(new ChannelAccount(TestFlow.BotId), "<at>Claim Checker</at>")]))
            .AssertReplyContains("start over")
            .StartTestAsync();
    }

    [Fact]
    public async Task Teams_cards_use_Action_Execute_buttons()
    {
        await _host.Flow("msteams")
            .Send(Questions.NeedleLength)
            .AssertReply(answer =>
            {
                var card = Replies.Card(answer)!.ToJsonString();
                Assert.Contains("Action.Execute", card, StringComparison.Ordinal);
                Assert.DoesNotContain("Action.Submit", card, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Action_Execute_invoke_answers_200_with_a_message_and_sends_the_replies()
    {
        await _host.Flow("msteams")
            .SendExecute(new JsonObject { ["action"] = CardActionValue.Ask, ["question"] = Questions.Frequency })
            .AssertInvokeResponse(response =>
            {
                Assert.Equal(200, response.Status);
                var body = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(response.Body))!;
                Assert.Equal(200, (int?)body["statusCode"]);
                Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
                Assert.False(string.IsNullOrWhiteSpace((string?)body["value"]));
            })
            .AssertReply(answer => Assert.Equal("home-frequency", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Action_Execute_pick_answers_a_waiting_did_you_mean()
    {
        var second = DialogTestHost.Engine.Check(Questions.Vague).Candidates[1].Claim.Id;
        await _host.Flow("msteams")
            .Send(Questions.Vague)
            .SkipReplies()
            .SendExecute(new JsonObject { ["action"] = CardActionValue.Pick, ["claimId"] = second })
            .AssertInvokeResponse(response => Assert.Equal(200, response.Status))
            .AssertReply(answer => Assert.Equal(second, (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }

    [Fact]
    public async Task Other_invokes_are_not_handled()
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message(null, a =>
            {
                a.Type = ActivityTypes.Invoke;
                // composeExtension/* is the message extension's now (Teams/); tabs are not built.
                a.Name = "tab/fetch";
            }))
            .AssertInvokeResponse(response => Assert.Equal(501, response.Status))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
