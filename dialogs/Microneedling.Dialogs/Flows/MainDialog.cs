using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.State;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Text;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The root dialog (ours: Microsoft.Bot.Builder.Dialogs is not served): decides what one turn says.
/// Commands, button presses, a waiting did-you-mean prompt and new questions are handled here; the
/// engine is asked once per turn and its result flows down to the replies — a red flag first and
/// alone, then the checked answers (best first), or "did you mean" when the engine is unsure, or
/// "no checked answer" with the question recorded for curators. <see cref="MicroneedlingBot"/> loads
/// and saves the <see cref="ConversationData"/> it works on.
/// </summary>
public sealed partial class MainDialog(
    FactChecker engine,
    IReplyRenderer renderer,
    DidYouMeanDialog didYouMean,
    SuggestedClaims suggested,
    FeedbackStore feedback,
    UnansweredQuestionLog unanswered,
    Teams.AskedClaims asked,
    DidYouMeanPickLog picks,
    DialogOptions options,
    ILogger<MainDialog> logger)
{
    private readonly ClaimSet _claims = engine.Claims;

    /// <summary>People joined: one welcome for the turn.</summary>
    public Task WelcomeAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.SendActivityAsync(renderer.Welcome(turn.Activity, suggested.All), cancellationToken);
    }

    /// <summary>One message (typed, or a button press) in the conversation <paramref name="conversation"/>.</summary>
    public async Task RunAsync(ITurnContext turn, ConversationData conversation, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(input);
        conversation.Turns++;
        // A stack saved by another version (a dialog that no longer exists, claims gone) is dropped.
        if (conversation.WaitingPrompt is { } frame && !didYouMean.CanContinue(frame)) conversation.DialogStack = [];

        if (input.Problem is not null) await UnreadableAsync(turn, input.Problem, cancellationToken).ConfigureAwait(false);
        else if (input.IsQuestion) await OnTextAsync(turn, conversation, input, cancellationToken).ConfigureAwait(false);
        else await OnButtonAsync(turn, conversation, input, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnTextAsync(ITurnContext turn, ConversationData conversation, TurnInput input, CancellationToken cancellationToken)
    {
        var text = input.Text;
        if (text.Length > options.MaxQuestionLength)
        {
            await TooLongAsync(turn, text, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (text.Length == 0)
        {
            await turn.SendActivityAsync(renderer.Help(turn.Activity, suggested.All), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (await CommandAsync(turn, conversation, Commands.Recognize(text), cancellationToken).ConfigureAwait(false)) return;

        // A prompt waits: an answer that picks one of its choices is that answer; anything else is
        // checked, and a confident new question (or a red flag) wins over the prompt.
        if (conversation.WaitingPrompt is { } frame && input.Action is null)
        {
            if (didYouMean.Recognize(frame, input) is { } picked)
            {
                await PickedAsync(turn, conversation, frame, picked, cancellationToken).ConfigureAwait(false);
                return;
            }
            var result = await engine.CheckAsync(text, cancellationToken).ConfigureAwait(false);
            if (result.Confidence != MatchConfidence.High && !result.Triage.IsRedFlag)
            {
                if (!await didYouMean.RepromptAsync(turn, frame, cancellationToken).ConfigureAwait(false))
                    await GiveUpAsync(turn, conversation, frame, cancellationToken).ConfigureAwait(false);
                return;
            }
            conversation.DialogStack = [];
            await AnswerAsync(turn, conversation, text, result, cancellationToken).ConfigureAwait(false);
            return;
        }
        // A new question (typed, or an "ask" button) ends a waiting prompt.
        conversation.DialogStack = [];
        await AnswerAsync(turn, conversation, text, await engine.CheckAsync(text, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> CommandAsync(ITurnContext turn, ConversationData conversation, Command command, CancellationToken cancellationToken)
    {
        var reply = command switch
        {
            Command.Greeting => renderer.Welcome(turn.Activity, suggested.All),
            Command.Help => renderer.Help(turn.Activity, suggested.All),
            Command.StartOver => renderer.StartedOver(turn.Activity),
            Command.Sources => renderer.Sources(turn.Activity, [.. conversation.LastClaimIds.Select(_claims.Find).OfType<Claim>()]),
            _ => null,
        };
        if (reply is null) return false;
        if (command == Command.StartOver)
        {
            // A fresh start: no waiting prompt, and "sources" no longer lists the answers before it.
            conversation.DialogStack = [];
            conversation.LastClaimIds = [];
        }
        await turn.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>What to say to a checked question: red flag first, then answers, did-you-mean or no answer.</summary>
    private async Task AnswerAsync(ITurnContext turn, ConversationData conversation, string question, FactCheckResult result, CancellationToken cancellationToken)
    {
        // Only what was decided is logged, never the question: it is health data.
        LogChecked(logger, turn.Activity.ChannelId ?? "-", result.Matches.Count, result.Confidence, result.Triage.Level.ToName());
        if (result.Triage.IsRedFlag)
            await turn.SendActivityAsync(renderer.RedFlag(turn.Activity, result.Triage), cancellationToken).ConfigureAwait(false);
        // A sign asked about as a risk: what to do if it is happening now comes first, then the answer.
        else if (result.Triage.ConditionalAdvice is not null)
            await turn.SendActivityAsync(renderer.ConditionalAdvice(turn.Activity, result.Triage), cancellationToken).ConfigureAwait(false);

        var candidates = DidYouMeanCandidates(result);
        if (candidates.Count >= 2)
            await didYouMean.BeginAsync(turn, conversation, question, candidates, cancellationToken).ConfigureAwait(false);
        else if (result.Matches.Count > 0)
            await SendAnswersAsync(turn, conversation, result.Matches, cancellationToken).ConfigureAwait(false);
        // After a red flag, the urgent message is the answer; "I don't know" would only distract from it.
        else if (!result.Triage.IsRedFlag)
            await NotFoundAsync(turn, question, UnansweredQuestionLog.Reasons.NoMatch, result.Candidates.Select(c => c.Claim.Id), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The claims to offer when the engine is unsure (Medium: a weak best match, or a runner-up
    /// close to it): the best two, plus more up to <see cref="DialogOptions.MaxCandidates"/> when they
    /// score near the best. Empty when sure, and after a red flag: someone who may need a doctor now
    /// is not asked to pick, they get the answers.
    /// </summary>
    private List<Claim> DidYouMeanCandidates(FactCheckResult result)
    {
        if (result.Confidence != MatchConfidence.Medium || result.Triage.IsRedFlag) return [];
        var ranked = result.Matches.Take(1).Concat(result.Candidates).DistinctBy(m => m.Claim.Id).ToList();
        if (ranked.Count < 2) return [];
        var best = ranked[0].Score;
        return ranked
            .Where((m, i) => i < 2 || m.Score >= best * options.CandidateShare)
            .Take(options.MaxCandidates)
            .Select(m => m.Claim)
            .ToList();
    }

    /// <summary>The prompt got its answer: the picked claim (matched against the original question, so the answer speaks to its numbers) or "none".</summary>
    private async Task PickedAsync(ITurnContext turn, ConversationData conversation, PromptFrame frame, string picked, CancellationToken cancellationToken)
    {
        conversation.DialogStack = [];
        if (picked == TurnInput.NoneValue)
        {
            await NotFoundAsync(turn, frame.Question, UnansweredQuestionLog.Reasons.NoneOfThese, frame.CandidateIds, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (_claims.Find(picked) is not { } claim)
        {
            await turn.SendActivityAsync(PlainReplies.UnknownClaim, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        // The question and the claim it was meant as: a phrasing the claim is missing, for curators.
        await picks.RecordAsync(frame.Question, claim.Id, cancellationToken).ConfigureAwait(false);
        var result = await engine.CheckAsync(frame.Question, cancellationToken).ConfigureAwait(false);
        var match = result.Matches.Concat(result.Candidates).FirstOrDefault(m => m.Claim.Id == picked) ?? Bare(claim);
        await SendAnswersAsync(turn, conversation, [match], cancellationToken).ConfigureAwait(false);
    }

    private async Task GiveUpAsync(ITurnContext turn, ConversationData conversation, PromptFrame frame, CancellationToken cancellationToken)
    {
        conversation.DialogStack = [];
        await turn.SendActivityAsync(PlainReplies.GaveUp, cancellationToken: cancellationToken).ConfigureAwait(false);
        await unanswered.RecordAsync(frame.Question, UnansweredQuestionLog.Reasons.GaveUp, frame.CandidateIds, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnButtonAsync(ITurnContext turn, ConversationData conversation, TurnInput input, CancellationToken cancellationToken)
    {
        var action = input.Action!;
        if (action.Action == CardActionValue.Feedback)
        {
            await FeedbackAsync(turn, conversation, action, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (action.Action == CardActionValue.Pick && _claims.Find(action.ClaimId ?? "") is null)
        {
            await turn.SendActivityAsync(PlainReplies.UnknownClaim, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (conversation.WaitingPrompt is { } frame && didYouMean.Recognize(frame, input) is { } picked)
        {
            await PickedAsync(turn, conversation, frame, picked, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A button of a card whose prompt is over (answered, or a new question came in between).
        if (action.Action == CardActionValue.Pick)
            await SendAnswersAsync(turn, conversation, [Bare(_claims.Find(action.ClaimId!)!)], cancellationToken).ConfigureAwait(false);
        else
            await NotFoundAsync(turn, null, UnansweredQuestionLog.Reasons.NoneOfThese, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One answer per claim (at most <see cref="DialogOptions.MaxAnswers"/>), remembered for "sources".</summary>
    private async Task SendAnswersAsync(ITurnContext turn, ConversationData conversation, IReadOnlyList<ClaimMatch> matches, CancellationToken cancellationToken)
    {
        var answered = matches.DistinctBy(m => m.Claim.Id).Take(options.MaxAnswers).ToList();
        foreach (var match in answered)
        {
            await turn.SendActivityAsync(renderer.Answer(turn.Activity, match, []), cancellationToken).ConfigureAwait(false);
            // What people ask most is what the Teams search box lists first.
            asked.Record(match.Claim.Id);
        }
        conversation.LastClaimIds = [.. answered.Select(m => m.Claim.Id)];
    }

    /// <summary>Says there is no checked answer and, when there is a question, records it without identity.</summary>
    private async Task NotFoundAsync(ITurnContext turn, string? question, string reason, IEnumerable<string> candidateIds, CancellationToken cancellationToken)
    {
        await turn.SendActivityAsync(renderer.NotFound(turn.Activity, suggested.All), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(question))
            await unanswered.RecordAsync(question, reason, candidateIds, cancellationToken).ConfigureAwait(false);
    }

    private async Task FeedbackAsync(ITurnContext turn, ConversationData conversation, CardActionValue action, CancellationToken cancellationToken)
    {
        if (_claims.Find(action.ClaimId ?? "") is null)
        {
            await turn.SendActivityAsync(PlainReplies.UnknownClaim, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        if (action.Vote is not (CardActionValue.Helpful or CardActionValue.NotHelpful))
        {
            await UnreadableAsync(turn, "The feedback button carries no known vote.", cancellationToken).ConfigureAwait(false);
            return;
        }
        // One vote per answer: a second press changes the vote (the old one is taken off its record).
        var votes = conversation.Votes ??= [];
        var previous = votes.GetValueOrDefault(action.ClaimId!);
        var key = await feedback.ReplaceAsync(previous, action.ClaimId!, action.Vote, action.Comment, turn.Activity.ChannelId, cancellationToken).ConfigureAwait(false);
        if (previous is not null || votes.Count < ConversationData.MaxVotesKept) votes[action.ClaimId!] = key;
        LogFeedback(logger, action.ClaimId!, action.Vote);
        await turn.SendActivityAsync(renderer.FeedbackThanks(turn.Activity, action.Vote), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Too long to answer, but not to triage: someone describing an emergency at length still gets the
    /// urgent message first. Only the start and the end are read, each as much as the engine reads of
    /// a message, so the cost stays that of two checks however long the message.
    /// </summary>
    private async Task TooLongAsync(ITurnContext turn, string text, CancellationToken cancellationToken)
    {
        var max = Math.Min(options.MaxQuestionLength, TextNormalizer.MaxAnalysedLength);
        var triage = (await engine.CheckAsync(UserText.Head(text, max), cancellationToken).ConfigureAwait(false)).Triage;
        if (!triage.IsRedFlag) triage = (await engine.CheckAsync(UserText.Tail(text, max), cancellationToken).ConfigureAwait(false)).Triage;
        if (triage.IsRedFlag)
            await turn.SendActivityAsync(renderer.RedFlag(turn.Activity, triage), cancellationToken).ConfigureAwait(false);
        await turn.SendActivityAsync(renderer.TooLong(turn.Activity, options.MaxQuestionLength), cancellationToken).ConfigureAwait(false);
    }

    private async Task UnreadableAsync(ITurnContext turn, string problem, CancellationToken cancellationToken)
    {
        LogUnreadable(logger, turn.Activity.ChannelId ?? "-", problem);
        await turn.SendActivityAsync(PlainReplies.UnreadableButton, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A claim answered because the person picked it: no score, no quantity notes.</summary>
    private static ClaimMatch Bare(Claim claim) => new(claim, 0, [], new MatchExplanation([], [], 0, 0, 0));

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked a message on {ChannelId}: {Matches} claim(s), confidence {Confidence}, triage {Triage}")]
    private static partial void LogChecked(ILogger logger, string channelId, int matches, MatchConfidence confidence, string triage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on {ClaimId}: {Vote}")]
    private static partial void LogFeedback(ILogger logger, string claimId, string vote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unreadable button value on {ChannelId}: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string channelId, string problem);
}
