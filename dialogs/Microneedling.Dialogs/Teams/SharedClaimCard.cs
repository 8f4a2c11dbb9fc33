using System.Text;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The answer card people put into a Teams conversation (from the search box, "Fact-check this message"
/// or a pasted link): verdict, the claim, the answer, sources, referral, last reviewed and a link to the
/// public page when there is one. It is a live card: its <c>refresh</c> asks the bot for the claim's
/// current card whenever it is shown, and Helpful / Not helpful come back as an updated card.
/// Unlike the chat answer it has no related-question buttons or comment box: in someone else's
/// conversation a tap must not make the bot post there.
/// </summary>
public static class SharedClaimCard
{
    /// <summary>Teams does not send a message extension result card over 28 KB
    /// (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/build-bot-based-message-extension).</summary>
    public const int MaxBytes = 28 * 1024;

    /// <param name="claim">The claim.</param>
    /// <param name="page">Its public page, or null.</param>
    /// <param name="vote">The vote the person viewing just gave, or null for the card everyone sees.</param>
    public static JObject Build(Claim claim, Uri? page, string? vote = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var json = Json(claim, page, vote, claim.Sources.Count);
        // Sources are the one part without a bound; past the limit only the first few are listed (the page has them all).
        for (var sources = Math.Min(claim.Sources.Count, 3); Bytes(json) > MaxBytes && sources >= 0; sources--)
            json = Json(claim, page, vote, sources);
        return json;
    }

    /// <summary>The card's size as Teams counts it (UTF-8 JSON).</summary>
    public static int Bytes(JObject card) => Encoding.UTF8.GetByteCount(card.ToString(Newtonsoft.Json.Formatting.None));

    /// <summary>The first sentence of the answer, for a search result line.</summary>
    public static string FirstLine(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var answer = MarkdownText.Clean(claim.Answer);
        var end = answer.IndexOfAny(['.', '!', '?', '\n']);
        var line = end > 0 ? answer[..(end + 1)] : answer;
        return line.Length <= 160 ? line : line[..157].TrimEnd() + "...";
    }

    private static JObject Json(Claim claim, Uri? page, string? vote, int sources)
    {
        var card = new AdaptiveCard()
            .Add(VerdictBadge.For(claim.Verdict))
            .Add(new TextBlock("The claim") { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Medium })
            .Add(new TextBlock(MarkdownText.Clean(claim.Statement)) { Weight = TextWeight.Bolder, Style = "heading", Spacing = Spacing.None })
            .Add(new TextBlock(MarkdownText.Clean(claim.Answer)) { Spacing = Spacing.Medium });
        if (claim.Sources.Count > 0)
        {
            card.Add(new TextBlock("Sources") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            card.Add(claim.Sources.Take(sources).Select(s => new TextBlock(MarkdownText.Citation(s)) { Spacing = Spacing.Small }));
            if (sources < claim.Sources.Count)
                card.Add(new TextBlock($"{claim.Sources.Count - sources} more on the full page.") { IsSubtle = true, Size = TextSize.Small });
        }
        card.Add(
            new TextBlock(MarkdownText.Clean(claim.Referral.Wording)) { Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
            new TextBlock(AnswerCard.LastReviewed(claim) + " · not medical advice") { IsSubtle = true, Size = TextSize.Small });
        if (vote is null)
        {
            card.Add(
                new TextBlock("Was this helpful?") { IsSubtle = true, Spacing = Spacing.Large, Separator = true },
                new ActionSet(Vote(claim, "Helpful", CardActionValue.Helpful), Vote(claim, "Not helpful", CardActionValue.NotHelpful)));
        }
        else
        {
            card.Add(new TextBlock(vote == CardActionValue.Helpful
                ? "Thanks: you found this helpful."
                : "Thanks: your feedback goes to the people who check these answers.") { IsSubtle = true, Spacing = Spacing.Large, Separator = true });
        }
        if (page is not null && MarkdownText.IsSafeLink(page)) card.AddAction(new OpenUrlAction("Read the full fact-check", page));
        card.Refresh = new CardRefresh(new ExecuteAction("Refresh", LiveCardVerbs.Refresh, new CardActionValue { Action = LiveCardVerbs.Refresh, ClaimId = claim.Id }));
        card.FallbackText = $"{claim.Verdict.ToLabel()}: {MarkdownText.Clean(claim.Statement)} {MarkdownText.Clean(claim.Answer)}";
        return (JObject)AdaptiveCardJson.ToAttachment(card).Content;
    }

    private static ExecuteAction Vote(Claim claim, string title, string vote) =>
        new(title, LiveCardVerbs.Feedback, new CardActionValue { Action = CardActionValue.Feedback, ClaimId = claim.Id, Vote = vote });
}
