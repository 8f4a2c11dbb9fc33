using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.State;
using Microneedling.FactCheck;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// "Did you mean …?" when the engine is unsure: offers the candidate claims plus "None of these"
/// and waits on the stack (a <see cref="PromptFrame"/>) for the next turn. A button press (its
/// value), the option's number or its title (with a small typo) picks one; anything else is
/// re-asked at most <see cref="DialogOptions.MaxReprompts"/> times, then the prompt gives up.
/// </summary>
public sealed class DidYouMeanDialog(FactChecker engine, IReplyRenderer renderer, DialogOptions options)
{
    public const string DialogId = "didYouMean";

    private static readonly string[] NoneWords = ["none", "none of them", "none of these", "neither", "no", "nope", "something else"];

    /// <summary>Offers <paramref name="candidates"/> for <paramref name="question"/> and puts the prompt on the stack.</summary>
    public async Task BeginAsync(ITurnContext turn, ConversationData conversation, string question, IReadOnlyList<Claim> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(conversation);
        conversation.DialogStack = [new PromptFrame { Question = question, CandidateIds = [.. candidates.Select(c => c.Id)] }];
        await turn.SendActivityAsync(renderer.DidYouMean(turn.Activity, candidates), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What the answer picks: a candidate's claim id, <see cref="TurnInput.NoneValue"/>, or null when
    /// it picks nothing. A pressed button's value counts first; typed text is recognised as a number,
    /// a title or a synonym.
    /// </summary>
    public string? Recognize(PromptFrame frame, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(input);
        var choices = Choices(frame);
        return choices.FirstOrDefault(c => c.Value == input.ButtonValue)?.Value
               ?? (input.Action is null ? ChoiceRecognizer.Recognize(input.Text, choices)?.Value : null);
    }

    /// <summary>Asks again; false (nothing sent) when the prompt has been re-asked as often as allowed.</summary>
    public async Task<bool> RepromptAsync(ITurnContext turn, PromptFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Reprompts >= options.MaxReprompts) return false;
        frame.Reprompts++;
        await turn.SendActivityAsync(renderer.Reprompt(turn.Activity, Claims(frame)), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether this version can continue the frame (a known id and at least two candidates that still exist).</summary>
    public bool CanContinue(PromptFrame frame) =>
        frame is { Id: DialogId } && Claims(frame).Count >= 2;

    /// <summary>The candidates still in the claim set, in the order they were offered.</summary>
    public List<Claim> Claims(PromptFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return [.. (frame.CandidateIds ?? []).Select(id => engine.Claims.Find(id ?? "")).OfType<Claim>().Take(options.MaxCandidates)];
    }

    // The buttons as the renderer numbers them: the candidates, then "None of these".
    private List<Choice> Choices(PromptFrame frame) =>
        [.. Claims(frame).Select(c => new Choice(c.Id, QuestionText.For(c), [c.Statement, .. c.Phrasings])),
         new Choice(TurnInput.NoneValue, "None of these", NoneWords)];
}
