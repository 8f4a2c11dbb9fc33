using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class ChoiceReplyTests(ClaimsFixture content)
{
    private readonly ReplyRenderer _renderer = new(content.Claims);

    [Fact]
    public void Did_you_mean_offers_each_candidate_as_pick_plus_none_of_these()
    {
        // Every candidate given is shown: how many to offer is the dialog's one limit (Dialogs:MaxCandidates).
        var candidates = content.Claims.All.Take(4).ToList();

        var reply = _renderer.DidYouMean(Incoming.WebChat, candidates);

        var buttons = CardJson.Of(reply).Buttons().ToList();
        Assert.Equal(
            candidates.Select(c => new CardActionValue { Action = "pick", ClaimId = c.Id })
                .Append(new CardActionValue { Action = "none" }),
            buttons.Select(b => b.Value));
        Assert.Equal(candidates.Select(QuestionText.For).Append("None of these"), buttons.Select(b => b.Title));
        Assert.Equal(InputHints.ExpectingInput, reply.InputHint);
    }

    [Fact]
    public void Reprompt_expects_input_and_offers_the_same_choices()
    {
        var candidates = content.Claims.All.Take(2).ToList();

        var reply = _renderer.Reprompt(Incoming.TeamsPersonal, candidates);

        Assert.Equal(InputHints.ExpectingInput, reply.InputHint);
        Assert.Equal(3, CardJson.Of(reply).Buttons().Count());
        Assert.Contains("pick one", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_channel_numbers_the_candidates_so_they_can_be_answered_by_number()
    {
        var candidates = content.Claims.All.Take(2).ToList();

        var reply = _renderer.DidYouMean(Incoming.Slack, candidates);

        Assert.Contains($"1. {QuestionText.For(candidates[0])}\n2. {QuestionText.For(candidates[1])}\n3. None of these", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Attachments);
    }

    [Fact]
    public void Other_replies_accept_input()
    {
        Assert.Equal(InputHints.AcceptingInput, _renderer.Welcome(Incoming.WebChat, []).InputHint);
        Assert.Equal(InputHints.AcceptingInput, _renderer.NotFound(Incoming.WebChat, []).InputHint);
    }

    [Fact]
    public void Without_candidates_it_asks_to_rephrase_instead_of_offering_a_lone_none_button()
    {
        var reply = _renderer.DidYouMean(Incoming.WebChat, []);

        Assert.Null(reply.Attachments);
        Assert.Null(reply.SuggestedActions);
        Assert.Contains("another way", reply.Text, StringComparison.Ordinal);
    }
}
