using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The task module of "Fact-check this message": the red-flag advice first when the message describes
/// danger signs, then each claim found with its verdict and answer and an "Insert" button, or a plain
/// "nothing checked here". Its buttons are Action.Submit: in a task module they come back as
/// <c>composeExtension/submitAction</c> with the button's data.
/// </summary>
public static class MessageCheckCard
{
    public const string Insert = "insert";
    public const string InsertAdvice = "insert-advice";
    public const string Cancel = "cancel";

    /// <summary>Most claims offered (the engine answers up to three per message; did-you-mean offers up to three).</summary>
    private const int MaxClaims = 3;

    /// <summary>The claims the card offers: the answers when the engine is sure, else its best guesses.</summary>
    public static IReadOnlyList<ClaimMatch> Offered(FactCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ranked = result.Confidence == MatchConfidence.High ? result.Matches : result.Matches.Concat(result.Candidates);
        return result.Confidence == MatchConfidence.None && result.Matches.Count == 0 ? [] : [.. ranked.DistinctBy(m => m.Claim.Id).Take(MaxClaims)];
    }

    public static AdaptiveCard Build(ChannelCapabilities channel, FactCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var card = new AdaptiveCard();
        if (result.Triage.IsRedFlag)
        {
            card.Add(RedFlagReply.Render(channel, result.Triage).Card!.Body);
            card.Add(new ActionSet(new SubmitAction("Insert this advice", new CardActionValue { Action = InsertAdvice })));
        }
        else if (result.Triage.ConditionalAdvice is not null)
        {
            card.Add(RedFlagReply.RenderConditional(channel, result.Triage).Card!.Body);
        }

        var offered = Offered(result);
        if (offered.Count == 0)
        {
            card.Add(new TextBlock("No checked claim found") { Weight = TextWeight.Bolder, Style = "heading", Spacing = Spacing.Medium });
            card.Add(new TextBlock("I found nothing in this message that my curated, sourced claims answer. For a question about your skin, ask a dermatologist."));
        }
        else
        {
            card.Add(new TextBlock(result.Confidence == MatchConfidence.High ? "What the fact-check found" : "This message may be about")
                { Weight = TextWeight.Bolder, Style = "heading", Spacing = Spacing.Medium });
            foreach (var match in offered) card.Add(Claim(match));
        }
        card.AddAction(new SubmitAction("Cancel", new CardActionValue { Action = Cancel }));
        card.FallbackText = offered.Count == 0 ? "No checked claim found." : string.Join(" ", offered.Select(m => $"{m.Claim.Verdict.ToLabel()}: {MarkdownText.Clean(m.Claim.Statement)}"));
        return card;
    }

    private static Container Claim(ClaimMatch match)
    {
        var claim = match.Claim;
        var items = new List<CardElement>
        {
            VerdictBadge.For(claim.Verdict),
            new TextBlock(MarkdownText.Clean(claim.Statement)) { Weight = TextWeight.Bolder, Spacing = Spacing.Small },
        };
        items.AddRange(match.QuantityNotes.Select(n => new TextBlock(MarkdownText.Clean(n.Text)) { Color = n.OutOfRange ? TextColor.Warning : TextColor.Good, Weight = TextWeight.Bolder }));
        items.Add(new TextBlock(MarkdownText.Clean(claim.Answer)));
        items.Add(new ActionSet(new SubmitAction("Insert this fact-check", new CardActionValue { Action = Insert, ClaimId = claim.Id })));
        return new Container(items) { Separator = true, Spacing = Spacing.Large };
    }
}
