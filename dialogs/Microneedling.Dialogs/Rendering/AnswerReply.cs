using System.Text;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The reply for one checked claim: <see cref="AnswerCard"/> on card channels, the same content as
/// Markdown elsewhere (with "Why" written out, since text cannot expand).
/// </summary>
internal static class AnswerReply
{
    public static ReplyContent Render(ChannelCapabilities channel, ClaimMatch match, IReadOnlyList<Claim> related, Uri? page = null)
    {
        var claim = match.Claim;
        var questions = related.Select(QuestionText.For).ToList();
        var markdown = Markdown(match, channel.ShowsSuggestedActions ? [] : questions);
        var speak = SpokenText.From(
            [claim.Verdict.ToLabel(), "The claim: " + claim.Statement,
             .. match.QuantityNotes.Select(n => n.Text), claim.Answer, claim.Referral.Wording]);
        var summary = $"{claim.Verdict.ToLabel()}: {MarkdownText.Clean(claim.Statement)}";
        return new ReplyContent(markdown, speak)
        {
            Card = channel.RendersCards ? AnswerCard.Build(channel, match, related, page) : null,
            Summary = summary,
            // On card channels related questions are card buttons; suggested actions are for text channels.
            Suggestions = channel.RendersCards ? [] : [.. questions.Select(Suggestion.Ask)],
        };
    }

    private static string Markdown(ClaimMatch match, IReadOnlyList<string> relatedQuestions)
    {
        var claim = match.Claim;
        var text = new StringBuilder();
        text.Append(MarkdownText.Bold(claim.Verdict.ToLabel() + ":")).Append(' ').Append(MarkdownText.Clean(claim.Statement)).Append("\n\n");
        foreach (var note in match.QuantityNotes) text.Append(MarkdownText.Clean(note.Text)).Append("\n\n");
        text.Append(MarkdownText.Clean(claim.Answer)).Append("\n\n");
        text.Append(MarkdownText.Bold("Why:")).Append(' ').Append(MarkdownText.Clean(claim.Guidance)).Append("\n\n");
        text.Append(MarkdownText.Bold("Sources")).Append('\n').Append(MarkdownText.Bullets(claim.Sources.Select(MarkdownText.Citation))).Append("\n\n");
        text.Append(MarkdownText.Clean(claim.Referral.Wording)).Append("\n\n");
        text.Append(MarkdownText.Italic(AnswerCard.LastReviewed(claim)));
        if (relatedQuestions.Count > 0)
            text.Append("\n\nYou might also ask:\n").Append(MarkdownText.Bullets(relatedQuestions));
        return text.ToString();
    }
}
