using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

/// <summary>
/// Dialogs:MaxCandidates is the one limit on did-you-mean candidates: the card shows as many as the
/// prompt offers, so a typed number picks what was shown (it used to be two options: with 4 set, the
/// card showed three and "4" answered a hidden fourth candidate instead of "None of these").
/// </summary>
public sealed class MaxCandidatesTests : IDisposable
{
    private readonly DialogTestHost _host = new(new Dictionary<string, string?>
    {
        ["Dialogs:MaxCandidates"] = "4",
        // Every candidate near enough counts, so the vague question offers the full four.
        ["Dialogs:CandidateShare"] = "0",
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task With_four_candidates_the_card_shows_four_and_the_fifth_option_is_none_of_these()
    {
        List<string> shown = [];
        await _host.Flow()
            .Send(Questions.Vague)
            .AssertReply(prompt =>
            {
                var buttons = Replies.Buttons(prompt);
                shown = [.. buttons.Where(b => (string?)b.Data["action"] == CardActionValue.Pick).Select(b => (string)b.Data["claimId"]!)];
                Assert.Equal(4, shown.Count);
                Assert.Equal(CardActionValue.NoneOfThese, (string?)buttons[^1].Data["action"]);
            })
            .Send("5")
            .AssertReply(notFound =>
            {
                Assert.Null(Replies.ClaimReview(notFound));
                Assert.Contains("dermatologist", Replies.AllText(notFound), StringComparison.OrdinalIgnoreCase);
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Typing_four_answers_the_fourth_candidate_the_card_showed()
    {
        List<string> shown = [];
        await _host.Flow()
            .Send(Questions.Vague)
            .AssertReply(prompt => shown = [.. Replies.Buttons(prompt).Where(b => (string?)b.Data["action"] == CardActionValue.Pick).Select(b => (string)b.Data["claimId"]!)])
            .Send("4")
            .AssertReply(answer => Assert.Equal(shown[3], (string?)Replies.ClaimReview(answer)!["identifier"]))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
