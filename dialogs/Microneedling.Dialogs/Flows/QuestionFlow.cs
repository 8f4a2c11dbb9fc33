using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Dialogs;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;
using Microsoft.Extensions.Logging;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// Answers one question: a red-flag message first and alone when triage fires, then the checked
/// answers (best first), or "did you mean" when the engine is unsure, or "no checked answer".
/// </summary>
public sealed partial class QuestionFlow(
    FactChecker engine,
    IReplyRenderer renderer,
    ClaimReplies replies,
    DialogOptions options,
    ILogger<QuestionFlow> logger)
{
    public FactCheckResult Check(string question) => engine.Check(question);

    /// <summary>
    /// Replies to <paramref name="question"/> (checked already when <paramref name="result"/> is
    /// given) and returns a short summary of what was sent, for an invoke response.
    /// </summary>
    public async Task<string> AskAsync(DialogContext dc, string question, FactCheckResult? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        result ??= engine.Check(question);
        var candidates = DidYouMeanCandidates(result);
        // Only what was decided is logged, never the question: it is health data.
        LogChecked(logger, dc.Context.Activity.ChannelId ?? "-", result.Matches.Count, result.Confidence, result.Triage.Level.ToName());

        var turn = dc.Context;
        if (result.Triage.IsRedFlag)
            await turn.SendActivityAsync(renderer.RedFlag(turn.Activity, result.Triage), cancellationToken).ConfigureAwait(false);

        if (candidates.Count >= 2)
        {
            await dc.BeginDialogAsync(DidYouMeanDialog.DialogId, DidYouMeanDialog.Options(question, candidates), cancellationToken).ConfigureAwait(false);
            return "Which question did you mean?";
        }
        if (result.Matches.Count > 0)
        {
            await replies.AnswerAsync(turn, dc.Conversation, result.Matches, cancellationToken).ConfigureAwait(false);
            return "Here is what the evidence says.";
        }
        // After a red flag, the urgent message is the answer; "I don't know" would only distract from it.
        if (result.Triage.IsRedFlag) return "Please get medical help now.";
        await replies.NotFoundAsync(turn, question, UnansweredQuestionLog.Reasons.NoMatch, result.Candidates.Select(c => c.Claim.Id), cancellationToken).ConfigureAwait(false);
        return "I don't have a checked answer for that.";
    }

    /// <summary>
    /// The claims to offer when the engine is unsure (Medium: a weak best match, or a runner-up
    /// close to it): the best two, plus a third when it scores near the best. Empty when sure, and
    /// after a red flag: someone who may need a doctor now is not asked to pick, they get the answers.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked a message on {ChannelId}: {Matches} claim(s), confidence {Confidence}, triage {Triage}")]
    private static partial void LogChecked(ILogger logger, string channelId, int matches, MatchConfidence confidence, string triage);
}
