using System.Globalization;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The Adaptive Card for one checked claim: verdict badge, the claim, what the numbers in the
/// question mean, the corrected answer, "Why" (hidden until asked), sources, referral, last
/// reviewed, related questions and Helpful / Not helpful.
/// </summary>
internal static class AnswerCard
{
    public static AdaptiveCard Build(ChannelCapabilities channel, ClaimMatch match, IReadOnlyList<Claim> related, Uri? page = null)
    {
        var claim = match.Claim;
        var card = new AdaptiveCard()
            .Add(VerdictBadge.For(claim.Verdict))
            .Add(new TextBlock("The claim") { IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.Medium })
            .Add(new TextBlock(MarkdownText.Clean(claim.Statement)) { Weight = TextWeight.Bolder, Style = "heading", Spacing = Spacing.None });

        if (match.QuantityNotes.Count > 0)
            card.Add(new Container(match.QuantityNotes.Select(Note)) { Style = ContainerStyle.Emphasis, Spacing = Spacing.Medium });

        card.Add(
            new TextBlock(MarkdownText.Clean(claim.Answer)) { Spacing = Spacing.Medium },
            new ActionSet(new ShowCardAction("Why? Show or hide the details", new AdaptiveCard().Add(new TextBlock(MarkdownText.Clean(claim.Guidance))))),
            new TextBlock("Sources") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
        card.Add(claim.Sources.Select(s => new TextBlock(MarkdownText.Citation(s)) { Spacing = Spacing.Small }));
        card.Add(
            new TextBlock(MarkdownText.Clean(claim.Referral.Wording)) { Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
            new TextBlock(LastReviewed(claim)) { IsSubtle = true, Size = TextSize.Small });
        // The public page of this fact-check (PublicPages:BaseUrl), when the host publishes one.
        if (page is not null) card.Add(new ActionSet(new OpenUrlAction("Read the full fact-check", page)));

        if (related.Count > 0)
        {
            card.Add(
                new TextBlock("You might also ask") { Weight = TextWeight.Bolder, Spacing = Spacing.Large, Separator = true },
                new ActionSet(related.Select(r => ReplyButtons.Ask(channel, QuestionText.For(r)))));
        }
        return card.Add(
            new TextBlock("Was this helpful?") { IsSubtle = true, Spacing = Spacing.Large, Separator = related.Count == 0 ? true : null },
            // The buttons send what is typed here as the vote's comment (CardActionValue.Comment).
            new InputText
            {
                Id = "comment",
                Label = "Anything to add? (optional)",
                Placeholder = "Please leave out names and other personal details",
                MaxLength = 1000,
                IsMultiline = true,
                Spacing = Spacing.Small,
            },
            new ActionSet(
                ReplyButtons.Card(channel, "Helpful", Vote(claim, CardActionValue.Helpful)),
                ReplyButtons.Card(channel, "Not helpful", Vote(claim, CardActionValue.NotHelpful))));
    }

    public static string LastReviewed(Claim claim) =>
        "Last reviewed " + claim.LastReviewed.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static TextBlock Note(QuantityNote note) =>
        new(MarkdownText.Clean(note.Text)) { Color = note.OutOfRange ? TextColor.Warning : TextColor.Good, Weight = TextWeight.Bolder };

    private static CardActionValue Vote(Claim claim, string vote) =>
        new() { Action = CardActionValue.Feedback, ClaimId = claim.Id, Vote = vote };
}
