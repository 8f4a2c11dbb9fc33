using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class WelcomeTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_person_joining_gets_one_welcome_with_a_disclaimer_and_suggested_questions()
    {
        await _host.Flow()
            .SendMembersAdded(TestFlow.BotId, TestFlow.UserId, "user-2")
            .AssertReply(welcome =>
            {
                var text = Replies.AllText(welcome);
                Assert.Contains("not medical advice", text, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("microneedling", text, StringComparison.OrdinalIgnoreCase);
                // Web Chat shows the suggested questions as suggested actions that "ask" them.
                var asks = welcome.SuggestedActions!.Actions;
                Assert.InRange(asks.Count, 3, 4);
                Assert.All(asks, a => Assert.Equal(CardActionValue.Ask, (string?)Replies.ValueOf(a)!["action"]));
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_bot_itself_being_added_gets_no_welcome()
    {
        await _host.Flow()
            .SendMembersAdded(TestFlow.BotId)
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("hey")]
    public async Task A_greeting_gets_the_welcome(string greeting)
    {
        await _host.Flow()
            .Send(greeting)
            .AssertReplyContains("not medical advice")
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Suggested_questions_come_from_the_claim_set_and_are_answered_when_tapped()
    {
        string? question = null;
        await _host.Flow()
            .Send("hi")
            .AssertReply(welcome => question = welcome.SuggestedActions!.Actions[0].Text)
            .Then(() =>
            {
                Assert.False(string.IsNullOrWhiteSpace(question));
                return Task.CompletedTask;
            })
            .StartTestAsync();

        var claimId = DialogTestHost.Engine.Check(question).Matches[0].Claim.Id;
        await _host.Flow()
            .SendValue(new System.Text.Json.Nodes.JsonObject { ["action"] = CardActionValue.Ask, ["question"] = question })
            .AssertReply(answer => Assert.Equal(claimId, (string?)Replies.ClaimReview(answer)?["identifier"] ?? Replies.AllText(answer)))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
