using System.Text.Json.Nodes;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Dialogs;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// "Did you mean …?" when the engine is unsure: offers the candidate claims plus "None of these"
/// and waits for the next turn. A pick is answered as if asked plainly; "none" goes to the
/// not-found reply; after repeated answers it cannot use, it gives up politely and clears the stack.
/// Begin options: <c>{"question": "...", "candidates": ["claim-id", ...]}</c>.
/// </summary>
public sealed class DidYouMeanDialog : WaterfallDialog
{
    public const string DialogId = "didYouMean";
    public const string PromptId = "didYouMean.choice";

    private static readonly string[] NoneWords = ["none", "none of them", "none of these", "neither", "no", "nope", "something else"];

    private readonly FactChecker _engine;
    private readonly ClaimReplies _replies;
    private readonly UnansweredQuestionLog _unanswered;

    public DidYouMeanDialog(FactChecker engine, IReplyRenderer renderer, ClaimReplies replies, UnansweredQuestionLog unanswered, DialogOptions options)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _replies = replies;
        _unanswered = unanswered;
        Prompt = new ChoicePrompt(
            PromptId,
            (dc, choices) => renderer.DidYouMean(dc.Context.Activity, ClaimsOf(choices)),
            (dc, choices) => renderer.Reprompt(dc.Context.Activity, ClaimsOf(choices)),
            options.MaxReprompts);
        AddStep(AskAsync);
        AddStep(ReplyAsync);
    }

    /// <summary>The prompt this dialog waits on; register it in the same <see cref="DialogSet"/>.</summary>
    public ChoicePrompt Prompt { get; }

    public static JsonObject Options(string question, IEnumerable<Claim> candidates) => new()
    {
        ["question"] = question,
        ["candidates"] = new JsonArray([.. candidates.Select(c => (JsonNode)c.Id)]),
    };

    private Task<DialogTurnResult> AskAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var choices = CandidateIds(step)
            .Select(_engine.Claims.Find).OfType<Claim>()
            .Select(c => new Choice(c.Id, QuestionText.For(c), [c.Statement, .. c.Phrasings]))
            .Append(new Choice(TurnInput.NoneValue, "None of these", NoneWords));
        return step.Dialogs.BeginDialogAsync(PromptId, ChoicePrompt.Options(choices), cancellationToken);
    }

    private async Task<DialogTurnResult> ReplyAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var dc = step.Dialogs;
        var question = step.Values["options"] is JsonObject options && options["question"] is JsonValue q && q.TryGetValue<string>(out var text) ? text : "";
        var picked = step.Result is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        switch (picked)
        {
            case null:
                await dc.Context.SendActivityAsync(PlainReplies.GaveUp, cancellationToken).ConfigureAwait(false);
                await _unanswered.RecordAsync(question, UnansweredQuestionLog.Reasons.GaveUp, CandidateIds(step), cancellationToken).ConfigureAwait(false);
                return dc.CancelAllDialogs();
            case TurnInput.NoneValue:
                await _replies.NotFoundAsync(dc.Context, question, UnansweredQuestionLog.Reasons.NoneOfThese, CandidateIds(step), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            default:
                if (Rematch(question, picked) is { } match)
                    await _replies.AnswerAsync(dc.Context, dc.Conversation, [match], cancellationToken).ConfigureAwait(false);
                else
                    await dc.Context.SendActivityAsync(PlainReplies.UnknownClaim, cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(JsonValue.Create(picked), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The picked claim matched against the original question again (the engine is deterministic), so
    /// the answer still speaks to the numbers in it; a bare match when the claim no longer scores.
    /// </summary>
    private ClaimMatch? Rematch(string question, string claimId)
    {
        if (_engine.Claims.Find(claimId) is not { } claim) return null;
        var result = _engine.Check(question);
        return result.Matches.Concat(result.Candidates).FirstOrDefault(m => m.Claim.Id == claimId)
               ?? ClaimMatches.Bare(claim);
    }

    private static List<string> CandidateIds(WaterfallStepContext step) =>
        step.Values["options"] is JsonObject options && options["candidates"] is JsonArray ids
            ? ids.Select(id => id is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];

    private List<Claim> ClaimsOf(IReadOnlyList<Choice> choices) =>
        choices.Where(c => c.Value != TurnInput.NoneValue).Select(c => _engine.Claims.Find(c.Value)).OfType<Claim>().ToList();
}
