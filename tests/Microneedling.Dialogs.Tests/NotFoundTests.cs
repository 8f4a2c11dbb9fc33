using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class NotFoundTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task An_out_of_scope_question_gets_no_claim_a_dermatologist_and_what_the_bot_covers()
    {
        await _host.Flow()
            .Send(Questions.Pizza)
            .AssertReply(reply =>
            {
                var text = Replies.AllText(reply);
                Assert.Contains("dermatologist", text, StringComparison.OrdinalIgnoreCase);
                Assert.Null(Replies.ClaimReview(reply));
                Assert.NotEmpty(reply.SuggestedActions!.Actions);
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_unanswered_question_is_recorded_for_curators_without_identity()
    {
        var flow = _host.Flow();
        await flow.Send(Questions.Pizza).SkipReplies().StartTestAsync();

        var (key, record) = Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix));
        Assert.Matches("^curation/unanswered/[0-9a-f]{32}$", key);
        Assert.Equal(Questions.Pizza, (string?)record["question"]);
        Assert.Equal(UnansweredQuestionLog.Reasons.NoMatch, (string?)record["reason"]);
        Assert.Equal(1, (int?)record["count"]);
        // The UTC day only, never the moment.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string?)record["firstSeenUtc"]);
        Assert.Null(record["timestampUtc"]);
        DidYouMeanTests.AssertNoIdentity(record, flow);
    }

    [Fact]
    public async Task An_answered_question_is_not_recorded()
    {
        await _host.Flow().Send(Questions.NeedleLength).SkipReplies().StartTestAsync();
        Assert.Empty(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix));
    }
}
