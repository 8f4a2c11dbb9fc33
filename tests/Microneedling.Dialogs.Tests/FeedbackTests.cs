using System.Text.Json.Nodes;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class FeedbackTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Pressing_an_answers_feedback_button_stores_the_vote_without_identity_and_thanks()
    {
        JsonObject? helpful = null;
        var flow = _host.Flow();
        await flow
            .Send(Questions.NeedleLength)
            .AssertReply(answer => helpful = Replies.Buttons(answer).Single(b => b.Title == "Not helpful").Data)
            .Then(() =>
            {
                helpful!["comment"] = "I wanted the depth for scars";
                return Task.CompletedTask;
            })
            .StartTestAsync();

        await flow
            .SendValue(helpful!.DeepClone())
            .AssertReplyContains("Thanks")
            .AssertNoMoreReplies()
            .StartTestAsync();

        var (key, record) = Assert.Single(await _host.Storage.ReadPrefixAsync(FeedbackStore.Prefix));
        Assert.Matches("^curation/feedback/[0-9a-f]{32}$", key);
        Assert.Equal("home-needle-length", (string?)record["claimId"]);
        Assert.Equal(CardActionValue.NotHelpful, (string?)record["vote"]);
        Assert.Equal("I wanted the depth for scars", (string?)record["comment"]);
        Assert.Equal(1, (int?)record["count"]);
        // The UTC day only, never the moment.
        var day = DateOnly.ParseExact((string)record["firstSeenUtc"]!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(day, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Null(record["timestampUtc"]);
        DidYouMeanTests.AssertNoIdentity(record, flow);
    }

    [Fact]
    public async Task A_helpful_vote_with_no_comment_stores_no_comment()
    {
        await _host.Flow()
            .SendValue(new JsonObject { ["action"] = "feedback", ["claimId"] = "home-frequency", ["vote"] = "helpful" })
            .AssertReplyContains("Thanks")
            .StartTestAsync();

        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(FeedbackStore.Prefix)).Value;
        Assert.Equal("helpful", (string?)record["vote"]);
        Assert.Null(record["comment"]);
    }

    [Theory]
    [InlineData("no-such-claim", "helpful")]
    [InlineData("home-frequency", "meh")]
    [InlineData(null, "helpful")]
    public async Task Feedback_for_an_unknown_claim_or_vote_gets_a_clear_message_and_stores_nothing(string? claimId, string vote)
    {
        await _host.Flow()
            .SendValue(new JsonObject { ["action"] = "feedback", ["claimId"] = claimId, ["vote"] = vote })
            .AssertReply(reply => Assert.Contains("Sorry", reply.Text, StringComparison.Ordinal))
            .AssertNoMoreReplies()
            .StartTestAsync();
        Assert.Empty(await _host.Storage.ReadPrefixAsync(FeedbackStore.Prefix));
    }

    private static JsonObject Vote(string claimId, string vote) => new() { ["action"] = "feedback", ["claimId"] = claimId, ["vote"] = vote };

    [Fact]
    public async Task A_changed_vote_replaces_the_old_one_in_the_store()
    {
        await _host.Flow()
            .SendValue(Vote("home-frequency", CardActionValue.Helpful)).AssertReplyContains("Thanks")
            .SendValue(Vote("home-frequency", CardActionValue.NotHelpful)).AssertReplyContains("Thanks")
            .StartTestAsync();

        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(FeedbackStore.Prefix)).Value;
        Assert.Equal(CardActionValue.NotHelpful, (string?)record["vote"]);
        Assert.Equal(1, (int?)record["count"]);
    }

    [Fact]
    public async Task The_same_vote_pressed_twice_counts_once()
    {
        await _host.Flow()
            .SendValue(Vote("home-frequency", CardActionValue.Helpful)).AssertReplyContains("Thanks")
            .SendValue(Vote("home-frequency", CardActionValue.Helpful)).AssertReplyContains("Thanks")
            .StartTestAsync();

        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(FeedbackStore.Prefix)).Value;
        Assert.Equal(1, (int?)record["count"]);
    }

    [Fact]
    public async Task Another_conversations_vote_on_the_same_claim_is_kept_when_one_changes()
    {
        await _host.Flow().SendValue(Vote("home-frequency", CardActionValue.Helpful)).AssertReplyContains("Thanks").StartTestAsync();
        await _host.Flow().SendValue(Vote("home-frequency", CardActionValue.Helpful)).AssertReplyContains("Thanks")
            .SendValue(Vote("home-frequency", CardActionValue.NotHelpful)).AssertReplyContains("Thanks")
            .StartTestAsync();

        var records = (await _host.Storage.ReadPrefixAsync(FeedbackStore.Prefix)).Select(r => r.Value).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(1, (int?)records.Single(r => (string?)r["vote"] == CardActionValue.Helpful)["count"]);
        Assert.Equal(1, (int?)records.Single(r => (string?)r["vote"] == CardActionValue.NotHelpful)["count"]);
    }
}
