using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class AnswerTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_clear_question_gets_one_answer_card_with_verdict_sources_feedback_and_a_ClaimReview()
    {
        var claim = DialogTestHost.Engine.Claims.Find("home-needle-length")!;
        await _host.Flow()
            .Send(Questions.NeedleLength)
            .AssertReply(answer =>
            {
                Assert.NotNull(Replies.Card(answer));
                var text = Replies.AllText(answer);
                Assert.Contains("False", text, StringComparison.Ordinal);
                Assert.Contains(claim.Sources[0].Url.Host, text, StringComparison.Ordinal);
                var review = Replies.ClaimReview(answer)!;
                Assert.Equal("home-needle-length", (string?)review["identifier"]);
                Assert.Equal("false", (string?)review["reviewRating"]!["alternateName"]);
                var votes = Replies.Buttons(answer).Where(b => (string?)b.Data["action"] == CardActionValue.Feedback).ToList();
                Assert.Equal(["Helpful", "Not helpful"], votes.Select(v => v.Title));
                Assert.All(votes, v => Assert.Equal("home-needle-length", (string?)v.Data["claimId"]));
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_message_about_several_claims_gets_one_answer_each_best_first_at_most_three()
    {
        const string question = "How do I clean my roller, and can my boyfriend use it too?";
        var expected = DialogTestHost.Engine.Check(question).Matches.Select(m => m.Claim.Id).Take(3).ToList();
        Assert.True(expected.Count >= 2, "the question should touch two claims");

        var flow = _host.Flow().Send(question);
        foreach (var id in expected)
            flow.AssertReply(answer => Assert.Equal(id, (string?)Replies.ClaimReview(answer)!["identifier"]));
        await flow.AssertNoMoreReplies().StartTestAsync();
    }

    [Fact]
    public async Task Text_channels_get_the_answer_as_markdown_with_sources()
    {
        await _host.Flow("slack")
            .Send(Questions.NeedleLength)
            .AssertReply(answer =>
            {
                Assert.Null(Replies.Card(answer));
                Assert.Equal("markdown", answer.TextFormat);
                Assert.Contains("https://", answer.Text, StringComparison.Ordinal);
                Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]);
            })
            .StartTestAsync();
    }
}
