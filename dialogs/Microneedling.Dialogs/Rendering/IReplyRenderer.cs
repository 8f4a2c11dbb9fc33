using Microsoft.Bot.Schema;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// Turns what the dialogs decided into activities for the channel the message came from: an
/// Adaptive Card (1.5 at most) with a plain-text/Markdown <c>text</c> and <c>speak</c> where the
/// channel renders cards (webchat, directline, msteams, emulator), Markdown text elsewhere.
/// Every returned activity is a message addressed as a reply to the incoming activity
/// (from/recipient swapped, conversation, replyToId, serviceUrl, channelId, locale copied).
/// Buttons carry a <see cref="CardActionValue"/>.
/// </summary>
public interface IReplyRenderer
{
    /// <summary>What the bot does and doesn't do, "not medical advice", and suggested questions as buttons.</summary>
    Activity Welcome(Activity incoming, IReadOnlyList<Claim> suggested);

    /// <summary>The urgent/emergency message alone: short, what to do now. No claim content.</summary>
    Activity RedFlag(Activity incoming, TriageResult triage);

    /// <summary>What to do if a sign the message asks about is happening now (triage's conditional advice), before the answer.</summary>
    Activity ConditionalAdvice(Activity incoming, TriageResult triage);

    /// <summary>
    /// One checked claim: verdict badge, the claim, the corrected answer (speaking to the numbers in
    /// the question via the match's quantity notes), "why" (expandable), sources as links, referral,
    /// last reviewed, 2–3 related questions, Helpful / Not helpful buttons, and a ClaimReview entity.
    /// </summary>
    Activity Answer(Activity incoming, ClaimMatch match, IReadOnlyList<Claim> related);

    /// <summary>"Did you mean" with the 2–3 candidates as buttons (pick) plus "None of these".</summary>
    Activity DidYouMean(Activity incoming, IReadOnlyList<Claim> candidates);

    /// <summary>No checked answer: say so plainly, list what the bot covers, suggest a dermatologist.</summary>
    Activity NotFound(Activity incoming, IReadOnlyList<Claim> covered);

    /// <summary>The commands (help, start over, sources) and what the bot covers.</summary>
    Activity Help(Activity incoming, IReadOnlyList<Claim> suggested);

    /// <summary>The sources of the last answered claims (or a note that there is no last answer yet).</summary>
    Activity Sources(Activity incoming, IReadOnlyList<Claim> lastClaims);

    /// <summary>Asked for a shorter question (the message was over the length limit).</summary>
    Activity TooLong(Activity incoming, int maxLength);

    /// <summary>Thanks for the vote (and the comment, if any).</summary>
    Activity FeedbackThanks(Activity incoming, string vote);

    /// <summary>"Starting over" confirmation after the dialog stack was cleared.</summary>
    Activity StartedOver(Activity incoming);

    /// <summary>A prompt re-asked after an answer it could not use ("Please pick one of the buttons, or ask a new question").</summary>
    Activity Reprompt(Activity incoming, IReadOnlyList<Claim> candidates);
}
