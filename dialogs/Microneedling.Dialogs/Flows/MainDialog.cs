using Microneedling.BotFramework;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Dialogs;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Text;
using Microsoft.Extensions.Logging;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The root of every conversation and the dialogs' entry point for a turn: reads what the person
/// sent, handles commands, button presses and new questions (which interrupt a waiting prompt),
/// hands anything else to the dialog on top of the stack, and saves the conversation state with
/// its ETag. The turn handler calls <see cref="OnMessageAsync"/>, <see cref="OnCardActionInvokeAsync"/>
/// and <see cref="OnMembersAddedAsync"/>.
/// </summary>
public sealed partial class MainDialog
{
    /// <summary>The invoke Teams sends for an Adaptive Card Action.Execute.</summary>
    public const string CardActionInvokeName = "adaptiveCard/action";

    private readonly DialogSet _dialogs;
    private readonly BotState _conversationState;
    private readonly QuestionFlow _questions;
    private readonly ClaimReplies _replies;
    private readonly FeedbackStore _feedback;
    private readonly IReplyRenderer _renderer;
    private readonly ClaimSet _claims;
    private readonly DialogOptions _options;
    private readonly ILogger<MainDialog> _logger;

    public MainDialog(
        IStorage storage,
        FactChecker engine,
        QuestionFlow questions,
        DidYouMeanDialog didYouMean,
        ClaimReplies replies,
        FeedbackStore feedback,
        IReplyRenderer renderer,
        DialogOptions options,
        ILogger<MainDialog> logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(didYouMean);
        _dialogs = new DialogSet([didYouMean, didYouMean.Prompt]);
        _conversationState = BotState.Conversation(storage);
        _questions = questions;
        _replies = replies;
        _feedback = feedback;
        _renderer = renderer;
        _claims = engine.Claims;
        _options = options;
        _logger = logger;
    }

    /// <summary>People joined: one welcome for the turn (the bot's own arrival is filtered by the turn handler).</summary>
    public Task OnMembersAddedAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.SendActivityAsync(_renderer.Welcome(turn.Activity, _replies.Suggested), cancellationToken);
    }

    /// <summary>A typed message, or an Action.Submit / messageBack button press carried in <c>value</c>.</summary>
    public Task OnMessageAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return RunAsync(turn, TurnInputReader.ReadMessage(turn.Activity), cancellationToken);
    }

    /// <summary>
    /// A Teams Action.Execute: the replies go out as normal activities; the invoke answers 200 with a
    /// short message for the card's status line.
    /// </summary>
    public async Task<InvokeResponse> OnCardActionInvokeAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var summary = await RunAsync(turn, TurnInputReader.ReadInvoke(turn.Activity), cancellationToken).ConfigureAwait(false);
        return new InvokeResponse(200, new CardActionInvokeBody(200, "application/vnd.microsoft.activity.message", summary));
    }

    private async Task<string> RunAsync(ITurnContext turn, TurnInput input, CancellationToken cancellationToken)
    {
        var conversation = new ConversationData(await _conversationState.GetAsync(turn, cancellationToken).ConfigureAwait(false));
        conversation.CountTurn();
        var dc = new DialogContext(_dialogs, turn, conversation, input);
        var summary = input.Problem is not null ? await UnreadableAsync(dc, cancellationToken).ConfigureAwait(false)
            : input.IsQuestion ? await OnTextAsync(dc, cancellationToken).ConfigureAwait(false)
            : await OnButtonAsync(dc, input.Action!, cancellationToken).ConfigureAwait(false);
        await _conversationState.SaveChangesAsync(turn, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private async Task<string> OnTextAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        var text = dc.Input.Text;
        if (text.Length > _options.MaxQuestionLength)
        {
            // Too long to answer, but not to triage: someone describing an emergency at length still
            // gets the urgent message first. Only the start and the end are read, each as much as the
            // engine reads of a message, so the cost stays that of two checks however long the message.
            var triage = TriageOfLongText(text);
            if (triage.IsRedFlag)
                await turn.SendActivityAsync(_renderer.RedFlag(turn.Activity, triage), cancellationToken).ConfigureAwait(false);
            await turn.SendActivityAsync(_renderer.TooLong(turn.Activity, _options.MaxQuestionLength), cancellationToken).ConfigureAwait(false);
            return triage.IsRedFlag ? "Please get medical help now." : "Please ask a shorter question.";
        }
        if (text.Length == 0) return await SendAsync(turn, _renderer.Help(turn.Activity, _replies.Suggested), "Here is what I can do.", cancellationToken).ConfigureAwait(false);

        switch (Commands.Recognize(text))
        {
            case Command.Greeting:
                return await SendAsync(turn, _renderer.Welcome(turn.Activity, _replies.Suggested), "Welcome!", cancellationToken).ConfigureAwait(false);
            case Command.Help:
                return await SendAsync(turn, _renderer.Help(turn.Activity, _replies.Suggested), "Here is what I can do.", cancellationToken).ConfigureAwait(false);
            case Command.StartOver:
                dc.CancelAllDialogs();
                return await SendAsync(turn, _renderer.StartedOver(turn.Activity), "Starting over.", cancellationToken).ConfigureAwait(false);
            case Command.Sources:
                var last = dc.Conversation.LastClaimIds.Select(_claims.Find).OfType<Claim>().ToList();
                return await SendAsync(turn, _renderer.Sources(turn.Activity, last), "Here are the sources.", cancellationToken).ConfigureAwait(false);
        }

        // A prompt waits: a clear new question (or a red flag) wins over it; anything else is its answer.
        FactCheckResult? result = null;
        if (dc.ActiveDialogId is not null && dc.Input.Action is null)
        {
            result = _questions.Check(text);
            if (result.Confidence != MatchConfidence.High && !result.Triage.IsRedFlag)
            {
                var prompted = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
                // Empty: the saved stack was unusable (an older version's) and was dropped; treat as a question.
                if (prompted.Status != DialogTurnStatus.Empty) return Summary(dc, prompted);
            }
        }
        dc.CancelAllDialogs();
        return await _questions.AskAsync(dc, text, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The red-flag triage of a message over <see cref="DialogOptions.MaxQuestionLength"/>: its start, then its end.</summary>
    private TriageResult TriageOfLongText(string text)
    {
        // The engine reads the first TextNormalizer.MaxAnalysedLength characters of what it is given.
        var max = Math.Min(_options.MaxQuestionLength, TextNormalizer.MaxAnalysedLength);
        var head = _questions.Check(Head(text, max)).Triage;
        return head.IsRedFlag ? head : _questions.Check(Tail(text, max)).Triage;
    }

    /// <summary>At most <paramref name="length"/> characters from the start, never splitting a surrogate pair.</summary>
    private static string Head(string text, int length)
    {
        if (text.Length <= length) return text;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length];
    }

    /// <summary>At most <paramref name="length"/> characters from the end, never splitting a surrogate pair.</summary>
    private static string Tail(string text, int length)
    {
        if (text.Length <= length) return text;
        var start = text.Length - length;
        if (char.IsLowSurrogate(text[start])) start++;
        return text[start..];
    }

    private async Task<string> OnButtonAsync(DialogContext dc, CardActionValue action, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (action.Action == CardActionValue.Feedback) return await FeedbackAsync(dc, action, cancellationToken).ConfigureAwait(false);
        if (action.Action == CardActionValue.Pick && _claims.Find(action.ClaimId ?? "") is null)
            return await SendAsync(turn, turn.Activity.CreateReply(PlainReplies.UnknownClaim), "That question is no longer available.", cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialogId is not null)
        {
            var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
            if (result.Status != DialogTurnStatus.Empty) return Summary(dc, result);
        }

        // A button of a card whose prompt is over (answered, or a new question came in between).
        if (action.Action == CardActionValue.Pick)
        {
            await _replies.AnswerAsync(turn, dc.Conversation, [ClaimMatches.Bare(_claims.Find(action.ClaimId!)!)], cancellationToken).ConfigureAwait(false);
            return "Here is what the evidence says.";
        }
        await _replies.NotFoundAsync(turn, null, UnansweredQuestionLog.Reasons.NoneOfThese, [], cancellationToken).ConfigureAwait(false);
        return "I don't have a checked answer for that.";
    }

    private string Summary(DialogContext dc, DialogTurnResult result)
    {
        LogDialog(_logger, dc.Context.Activity.ChannelId ?? "-", result.Status);
        return result.Status switch
        {
            DialogTurnStatus.Waiting => "Please pick one of the options.",
            DialogTurnStatus.Cancelled => "Let's leave that one.",
            _ => "Done.",
        };
    }

    private async Task<string> FeedbackAsync(DialogContext dc, CardActionValue action, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (_claims.Find(action.ClaimId ?? "") is null)
            return await SendAsync(turn, turn.Activity.CreateReply(PlainReplies.UnknownClaim), "That question is no longer available.", cancellationToken).ConfigureAwait(false);
        if (action.Vote is not (CardActionValue.Helpful or CardActionValue.NotHelpful))
            return await UnreadableAsync(dc, cancellationToken).ConfigureAwait(false);
        await _feedback.RecordAsync(action.ClaimId!, action.Vote, TurnInputReader.Clean(action.Comment), cancellationToken).ConfigureAwait(false);
        LogFeedback(_logger, action.ClaimId!, action.Vote);
        return await SendAsync(turn, _renderer.FeedbackThanks(turn.Activity, action.Vote), "Thanks for your feedback!", cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> UnreadableAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        LogUnreadable(_logger, dc.Context.Activity.ChannelId ?? "-", dc.Input.Problem ?? "unusable value");
        return await SendAsync(dc.Context, dc.Context.Activity.CreateReply(PlainReplies.UnreadableButton), "Sorry, I couldn't read that button press.", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> SendAsync(ITurnContext turn, Activity reply, string summary, CancellationToken cancellationToken)
    {
        await turn.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dialog turn on {ChannelId} ended {Status}")]
    private static partial void LogDialog(ILogger logger, string channelId, DialogTurnStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on {ClaimId}: {Vote}")]
    private static partial void LogFeedback(ILogger logger, string claimId, string vote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unreadable button value on {ChannelId}: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string channelId, string problem);
}
