using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class DidYouMeanTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static IReadOnlyList<string> TopCandidateIds =>
        DialogTestHost.Engine.Check(Questions.Vague).Candidates.Select(c => c.Claim.Id).ToList();

    private static List<string> PickedIds(Activity prompt) =>
        Replies.Buttons(prompt).Where(b => (string?)b.Data["action"] == CardActionValue.Pick).Select(b => (string)b.Data["claimId"]!).ToList();

    private static void AssertIsDidYouMean(Activity prompt)
    {
        var picks = PickedIds(prompt);
        Assert.InRange(picks.Count, 2, 3);
        Assert.Equal(TopCandidateIds.Take(2), picks.Take(2));
        Assert.Contains(Replies.Buttons(prompt), b => (string?)b.Data["action"] == CardActionValue.NoneOfThese);
        Assert.Equal(InputHints.ExpectingInput, prompt.InputHint);
        Assert.Null(Replies.ClaimReview(prompt));
    }

    private static JsonObject Pick(string claimId) => new() { ["action"] = CardActionValue.Pick, ["claimId"] = claimId };

    [Fact]
    public async Task An_unsure_match_asks_did_you_mean_and_a_button_pick_is_answered()
    {
        var second = TopCandidateIds[1];
        await _host.Flow()
            .Send(Questions.Vague)
            .AssertReply(AssertIsDidYouMean)
            .AssertNoMoreReplies()
            .SendValue(Pick(second))
            .AssertReply(answer => Assert.Equal(second, (string?)Replies.ClaimReview(answer)!["identifier"]))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_option_number_picks_that_candidate()
    {
        var second = TopCandidateIds[1];
        await _host.Flow()
            .Send(Questions.Vague)
            .AssertReply(AssertIsDidYouMean)
            .Send("2")
            .AssertReply(answer => Assert.Equal(second, (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }

    [Fact]
    public async Task The_option_title_typed_with_a_typo_picks_that_candidate()
    {
        string? title = null;
        string? claimId = null;
        var flow = _host.Flow();
        await flow
            .Send(Questions.Vague)
            .AssertReply(prompt =>
            {
                var button = Replies.Buttons(prompt).First(b => (string?)b.Data["action"] == CardActionValue.Pick);
                title = button.Title;
                claimId = (string?)button.Data["claimId"];
            })
            .StartTestAsync();

        // One letter dropped from the middle of the button's title.
        var typo = title!.Remove(title.Length / 2, 1);
        await flow
            .Send(typo)
            .AssertReply(answer => Assert.Equal(claimId, (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("none of these")]
    [InlineData("non of these")]
    public async Task None_of_these_goes_to_not_found_and_records_the_question_without_identity(string? typed)
    {
        var flow = _host.Flow();
        await flow
            .Send(Questions.Vague)
            .AssertReply(AssertIsDidYouMean)
            .Send(typed is null ? flow.Message(null, a => a.Value = TestFlow.ToToken(new JsonObject { ["action"] = CardActionValue.NoneOfThese })) : flow.Message(typed))
            .AssertReply(notFound =>
            {
                Assert.Contains("dermatologist", Replies.AllText(notFound), StringComparison.OrdinalIgnoreCase);
                Assert.Null(Replies.ClaimReview(notFound));
            })
            .AssertNoMoreReplies()
            .StartTestAsync();

        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix)).Value;
        Assert.Equal(Questions.Vague, (string?)record["question"]);
        Assert.Equal(UnansweredQuestionLog.Reasons.NoneOfThese, (string?)record["reason"]);
        Assert.Equal(TopCandidateIds[0], (string?)record["candidates"]![0]);
        AssertNoIdentity(record, flow);
    }

    [Fact]
    public async Task Garbage_while_the_prompt_waits_re_asks_twice_then_gives_up_and_clears()
    {
        var flow = _host.Flow();
        await flow
            .Send(Questions.Vague)
            .AssertReply(AssertIsDidYouMean)
            .Send("qwzx")
            .AssertReply(AssertIsReprompt)
            .Send("blorp blorp")
            .AssertReply(AssertIsReprompt)
            .Send("zzz")
            .AssertReply(giveUp => Assert.Contains("leave that one", giveUp.Text, StringComparison.OrdinalIgnoreCase))
            .AssertNoMoreReplies()
            // The prompt is gone: "2" is now a (meaningless) question, not a pick.
            .Send("2")
            .AssertReply(notFound => Assert.Null(Replies.ClaimReview(notFound)))
            .StartTestAsync();

        var records = await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix);
        Assert.Contains(records, r => (string?)r.Value["reason"] == UnansweredQuestionLog.Reasons.GaveUp && (string?)r.Value["question"] == Questions.Vague);
    }

    [Fact]
    public async Task A_clear_new_question_while_the_prompt_waits_is_answered_and_ends_the_prompt()
    {
        await _host.Flow()
            .Send(Questions.Vague)
            .AssertReply(AssertIsDidYouMean)
            .Send(Questions.Frequency)
            .AssertReply(answer => Assert.Equal("home-frequency", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .AssertNoMoreReplies()
            .Send("qwzx")
            .AssertReply(notFound => Assert.Null(Replies.ClaimReview(notFound)))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_red_flag_while_the_prompt_waits_is_handled_first()
    {
        await _host.Flow()
            .Send(Questions.Vague)
            .AssertReply(AssertIsDidYouMean)
            .Send("my lips are swelling and I can't breathe")
            .AssertReply(urgent => Assert.Contains("emergency", Replies.AllText(urgent), StringComparison.OrdinalIgnoreCase))
            .SkipReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task The_waiting_prompt_lives_in_conversation_state_between_turns()
    {
        var flow = _host.Flow();
        await flow.Send(Questions.Vague).SkipReplies().StartTestAsync();

        var data = (await _host.Storage.ConversationDataAsync("webchat", flow.ConversationId))!;
        var frame = Assert.Single(data["dialogStack"]!.AsArray())!;
        Assert.Equal("didYouMean", (string?)frame["id"]);
        Assert.Equal(Questions.Vague, (string?)frame["question"]);
        var offered = frame["candidates"]!.AsArray().Select(c => (string?)c).ToList();
        Assert.InRange(offered.Count, 2, 3);
        Assert.Equal(TopCandidateIds.Take(offered.Count), offered);
    }

    [Fact]
    public async Task A_pick_from_an_old_card_after_the_prompt_ended_is_still_answered()
    {
        await _host.Flow()
            .SendValue(Pick("home-frequency"))
            .AssertReply(answer => Assert.Equal("home-frequency", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }

    private static void AssertIsReprompt(Activity reprompt)
    {
        Assert.Contains("pick one", Replies.AllText(reprompt), StringComparison.OrdinalIgnoreCase);
        Assert.InRange(PickedIds(reprompt).Count, 2, 3);
    }

    internal static void AssertNoIdentity(JsonObject record, TestFlow flow)
    {
        var json = record.ToJsonString();
        Assert.DoesNotContain(TestFlow.UserId, json, StringComparison.Ordinal);
        Assert.DoesNotContain(flow.ConversationId, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex", json, StringComparison.Ordinal);
        Assert.Null(record["userId"]);
        Assert.Null(record["conversationId"]);
        Assert.Null(record["from"]);
    }
}
