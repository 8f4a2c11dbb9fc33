using Microneedling.BotFramework;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The replies every flow ends in: checked answers (one per claim, best first, remembered for
/// "sources"), or "no checked answer" with the question recorded for curators.
/// </summary>
public sealed class ClaimReplies(FactChecker engine, IReplyRenderer renderer, UnansweredQuestionLog unanswered, DialogOptions options)
{
    private const int SuggestedCount = 4;

    private readonly ClaimSet _claims = engine.Claims;

    /// <summary>
    /// The claims suggested in the welcome, help and not-found replies: the configured ones, topped
    /// up from the claim set, keeping only those whose suggested question the engine answers with
    /// that claim outright, so tapping a suggestion never leads to "did you mean".
    /// </summary>
    public IReadOnlyList<Claim> Suggested { get; } = PickSuggested(engine, options);

    /// <summary>Sends one answer per claim (at most <see cref="DialogOptions.MaxAnswers"/>) and remembers them.</summary>
    public async Task AnswerAsync(ITurnContext turn, ConversationData conversation, IReadOnlyList<ClaimMatch> matches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(conversation);
        var answered = matches.DistinctBy(m => m.Claim.Id).Take(options.MaxAnswers).ToList();
        foreach (var match in answered)
            await turn.SendActivityAsync(renderer.Answer(turn.Activity, match, Related(match.Claim)), cancellationToken).ConfigureAwait(false);
        conversation.LastClaimIds = answered.Select(m => m.Claim.Id).ToList();
    }

    /// <summary>Says there is no checked answer and, when there is a question, records it without identity.</summary>
    public async Task NotFoundAsync(ITurnContext turn, string? question, string reason, IEnumerable<string> candidateIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await turn.SendActivityAsync(renderer.NotFound(turn.Activity, Suggested), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(question))
            await unanswered.RecordAsync(question, reason, candidateIds, cancellationToken).ConfigureAwait(false);
    }

    private List<Claim> Related(Claim claim) =>
        claim.Related.Select(_claims.Find).OfType<Claim>().Take(options.MaxRelated).ToList();

    private static List<Claim> PickSuggested(FactChecker engine, DialogOptions options) =>
        options.SuggestedClaimIdsOrDefault.Select(engine.Claims.Find).OfType<Claim>()
            .Concat(engine.Claims.All)
            .DistinctBy(c => c.Id)
            .Where(c => AnsweredOutright(engine, c))
            .Take(SuggestedCount)
            .ToList();

    private static bool AnsweredOutright(FactChecker engine, Claim claim)
    {
        var result = engine.Check(QuestionText.For(claim));
        return result.Confidence == MatchConfidence.High && !result.Triage.IsRedFlag && result.Matches[0].Claim.Id == claim.Id;
    }
}
