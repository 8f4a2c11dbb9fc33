using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("help")]
    [InlineData("Help!")]
    [InlineData("/help")]
    public async Task Help_lists_the_commands(string typed)
    {
        await _host.Flow()
            .Send(typed)
            .AssertReply(help =>
            {
                var text = Replies.AllText(help);
                Assert.Contains("start over", text, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("sources", text, StringComparison.OrdinalIgnoreCase);
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Start_over_clears_a_waiting_prompt()
    {
        var flow = _host.Flow();
        await flow
            .Send(Questions.Vague)
            .SkipReplies()
            .Send("start over")
            .AssertReplyContains("start over")
            .AssertNoMoreReplies()
            // With the prompt gone, "1" is not a pick.
            .Send("1")
            .AssertReply(reply => Assert.Null(Replies.ClaimReview(reply)))
            .StartTestAsync();

        var data = (await _host.Storage.ConversationDataAsync("webchat", flow.ConversationId))!;
        Assert.Empty(data["dialogStack"]!.AsArray());
    }

    [Fact]
    public async Task Sources_shows_the_sources_of_the_last_answer()
    {
        var claim = DialogTestHost.Engine.Claims.Find("home-frequency")!;
        await _host.Flow()
            .Send(Questions.NeedleLength)
            .SkipReplies()
            .Send(Questions.Frequency)
            .SkipReplies()
            .Send("sources")
            .AssertReply(reply =>
            {
                var text = Replies.AllText(reply);
                Assert.All(claim.Sources, s => Assert.Contains(s.Title, text, StringComparison.Ordinal));
                Assert.DoesNotContain(DialogTestHost.Engine.Claims.Find("home-needle-length")!.Sources[0].Title, text, StringComparison.Ordinal);
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Sources_after_start_over_lists_nothing_from_before_it()
    {
        await _host.Flow()
            .Send(Questions.Frequency)
            .SkipReplies()
            .Send("start over")
            .SkipReplies()
            .Send("sources")
            .AssertReplyContains("haven't answered")
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Sources_before_any_answer_says_there_is_none_yet()
    {
        await _host.Flow()
            .Send("sources")
            .AssertReplyContains("haven't answered")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_while_a_prompt_waits_keeps_the_prompt()
    {
        var second = DialogTestHost.Engine.Check(Questions.Vague).Candidates[1].Claim.Id;
        await _host.Flow()
            .Send(Questions.Vague)
            .SkipReplies()
            .Send("help")
            .AssertReplyContains("start over")
            .Send("2")
            .AssertReply(answer => Assert.Equal(second, (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }
}
