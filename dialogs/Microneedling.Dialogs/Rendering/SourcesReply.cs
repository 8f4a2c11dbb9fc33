using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>The "sources" command: each last-answered claim with its sources as links.</summary>
internal static class SourcesReply
{
    private const string NoneYet = "I haven't answered a question yet, so there are no sources to show. Ask me something first.";

    public static ReplyContent Render(ChannelCapabilities channel, IReadOnlyList<Claim> lastClaims)
    {
        var claims = lastClaims.DistinctBy(c => c.Id).ToList();
        if (claims.Count == 0) return new ReplyContent(NoneYet, NoneYet) { Summary = NoneYet };

        var intro = claims.Count == 1 ? "Here are the sources for my last answer." : "Here are the sources for my last answers.";
        var markdown = intro + "\n\n" + string.Join("\n\n", claims.Select(c =>
            MarkdownText.Bold(c.Statement) + "\n" + MarkdownText.Bullets(c.Sources.Select(MarkdownText.Citation))));
        var speak = SpokenText.From([intro, .. claims.SelectMany(c => c.Sources).Select(s => $"{s.Title}, {s.Publisher}, {s.Year}")]);

        AdaptiveCard? card = null;
        if (channel.RendersCards)
        {
            card = new AdaptiveCard().Add(new TextBlock(intro));
            foreach (var claim in claims)
            {
                card.Add(new TextBlock(MarkdownText.Clean(claim.Statement)) { Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
                card.Add(claim.Sources.Select(s => new TextBlock(MarkdownText.Citation(s)) { Spacing = Spacing.Small }));
            }
        }
        return new ReplyContent(markdown, speak) { Card = card, Summary = intro };
    }
}
