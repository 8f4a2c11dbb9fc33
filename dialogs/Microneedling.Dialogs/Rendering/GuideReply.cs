using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// Welcome, Help and "no checked answer": what the bot does and doesn't do, example questions taken
/// from the claims (suggested actions where the channel shows them, card buttons otherwise) and the
/// commands.
/// </summary>
internal static class GuideReply
{
    private const string WhatIDo =
        "I check common claims about microneedling (derma rollers, needling pens and clinic treatments) against published evidence, and show you the sources.";

    private const string WhatIDoNot =
        "I can't look at your skin or give you personal advice. This is not medical advice and not a substitute for a clinician.";

    private static readonly (string Command, string Meaning)[] Commands =
    [
        ("help", "what I can do"),
        ("start over", "clear this conversation and begin again"),
        ("sources", "the sources behind my last answer"),
    ];

    /// <summary>The parts of a guide, in reading order; <see cref="Closing"/> follows the example questions.</summary>
    private sealed record Guide(IReadOnlyList<string> Lines, string QuestionsIntro, string? Closing, bool WithCommands);

    public static ReplyContent Welcome(ChannelCapabilities channel, IReadOnlyList<Claim> suggested) =>
        Render(channel, new Guide(["Hi! " + WhatIDo, WhatIDoNot], "Try asking:", null, WithCommands: true), suggested);

    public static ReplyContent Help(ChannelCapabilities channel, IReadOnlyList<Claim> suggested) =>
        Render(channel, new Guide([WhatIDo, WhatIDoNot], "For example, you can ask:", null, WithCommands: true), suggested);

    public static ReplyContent NotFound(ChannelCapabilities channel, IReadOnlyList<Claim> covered) =>
        Render(
            channel,
            new Guide(
                ["I don't have a checked answer for that, and I'd rather not guess about your health."],
                "I have checked answers to questions like these:",
                "For anything else, please ask a board-certified dermatologist.",
                WithCommands: false),
            covered);

    private static ReplyContent Render(ChannelCapabilities channel, Guide guide, IReadOnlyList<Claim> claims)
    {
        var questions = claims.Select(QuestionText.For).Distinct(StringComparer.Ordinal).ToList();
        var asSuggestions = channel.ShowsSuggestedActions;
        return new ReplyContent(Markdown(guide, questions), SpokenText.From([.. guide.Lines, guide.Closing]))
        {
            Card = channel.RendersCards ? Card(channel, guide, questions, asSuggestions) : null,
            Summary = guide.Lines[0],
            Suggestions = asSuggestions ? [.. questions.Select(Suggestion.Ask)] : [],
        };
    }

    private static AdaptiveCard Card(ChannelCapabilities channel, Guide guide, IReadOnlyList<string> questions, bool asSuggestions)
    {
        var card = new AdaptiveCard().Add(guide.Lines.Select(line => new TextBlock(line)));
        // As suggested actions the questions show apart from the card (Web Chat puts them above the
        // send box, after any later message), so an intro here would be a heading with nothing under it.
        if (questions.Count > 0 && !asSuggestions)
        {
            card.Add(
                new TextBlock(guide.QuestionsIntro) { Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new ActionSet(questions.Select(q => ReplyButtons.Ask(channel, q))));
        }
        if (guide.Closing is not null) card.Add(new TextBlock(guide.Closing) { Spacing = Spacing.Medium });
        if (guide.WithCommands)
            card.Add(
                new TextBlock("You can also type:") { Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
                new FactSet(Commands.Select(c => new Fact(c.Command, c.Meaning))));
        return card;
    }

    private static string Markdown(Guide guide, IReadOnlyList<string> questions)
    {
        var parts = new List<string>(guide.Lines);
        if (questions.Count > 0) parts.Add(guide.QuestionsIntro + "\n" + MarkdownText.Bullets(questions));
        if (guide.Closing is not null) parts.Add(guide.Closing);
        if (guide.WithCommands)
            parts.Add("You can also type:\n" + MarkdownText.Bullets(Commands.Select(c => $"{MarkdownText.Bold(c.Command)}: {c.Meaning}")));
        return string.Join("\n\n", parts);
    }
}
