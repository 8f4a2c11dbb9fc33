using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// "Did you mean" and its re-prompt: the candidate claims as questions to pick, plus "None of
/// these". Card buttons carry the claim id; text channels get the questions as suggested actions
/// or a numbered list, and the choice prompt recognises the question or its number when typed.
/// </summary>
internal static class ChoiceReply
{
    public const string NoneOfThese = "None of these";

    private const string NothingToPick = "I'm not sure I understood. Could you ask your question another way?";

    // Every candidate given is shown: how many to offer is the dialog's one limit (Dialogs:MaxCandidates),
    // and a typed number must pick what the card shows.
    public static ReplyContent DidYouMean(ChannelCapabilities channel, IReadOnlyList<Claim> candidates) =>
        Render(channel, "I'm not sure I understood. Did you mean one of these?", candidates);

    public static ReplyContent Reprompt(ChannelCapabilities channel, IReadOnlyList<Claim> candidates) =>
        Render(channel, "Please pick one of these, or ask a new question.", candidates);

    private static ReplyContent Render(ChannelCapabilities channel, string prompt, IReadOnlyList<Claim> candidates)
    {
        var choices = candidates
            .Select(c => new Suggestion(QuestionText.For(c), QuestionText.For(c), new CardActionValue { Action = CardActionValue.Pick, ClaimId = c.Id }))
            .Append(new Suggestion(NoneOfThese, NoneOfThese, new CardActionValue { Action = CardActionValue.NoneOfThese }))
            .ToList();
        var questions = choices.SkipLast(1).Select(c => c.Text).ToList();
        // With nothing to pick from, a lone "None of these" button would be a dead end.
        if (questions.Count == 0) return new ReplyContent(NothingToPick, NothingToPick) { Summary = NothingToPick };

        var markdown = channel.ShowsSuggestedActions
            ? prompt
            : $"{prompt}\n{MarkdownText.Numbered(choices.Select(c => c.Title))}\n\nType a number, or ask your question another way.";
        return new ReplyContent(markdown, SpokenText.From([prompt, .. questions]))
        {
            Card = channel.RendersCards
                ? new AdaptiveCard().Add(
                    new TextBlock(prompt) { Weight = TextWeight.Bolder },
                    new ActionSet(choices.Select(c => ReplyButtons.Card(channel, c.Title, c.Value))))
                : null,
            Summary = prompt,
            Suggestions = channel.RendersCards ? [] : choices,
        };
    }
}
