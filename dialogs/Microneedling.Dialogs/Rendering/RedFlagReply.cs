using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The urgent or emergency message: what to do now and the signs that were recognised, nothing else
/// (no claim content, no buttons), so nothing competes with it.
/// </summary>
internal static class RedFlagReply
{
    public static ReplyContent Render(ChannelCapabilities channel, TriageResult triage)
    {
        // Anything short of an emergency gets the urgent wording: over-warning is the safer mistake.
        var emergency = triage.Level == ReferralLevel.Emergency;
        var headline = emergency ? "Get help now." : "See a doctor today.";
        var signs = triage.Signs.Count > 0
            ? $"You described {Join(triage.Signs)}. That needs a doctor {(emergency ? "now" : "today")}."
            : $"What you describe needs a doctor {(emergency ? "now" : "today")}.";
        var advice = string.IsNullOrWhiteSpace(triage.Advice)
            ? emergency ? "Call your local emergency number now." : "See a doctor or go to an urgent care clinic today."
            : MarkdownText.Clean(triage.Advice);

        var card = channel.RendersCards
            ? new AdaptiveCard().Add(new Container(
                new TextBlock(headline) { Weight = TextWeight.Bolder, Size = TextSize.Large, Color = TextColor.Attention, Style = "heading" },
                new TextBlock(advice) { Weight = TextWeight.Bolder },
                new TextBlock(signs))
            { Style = ContainerStyle.Attention, Bleed = true })
            : null;
        return new ReplyContent($"{MarkdownText.Bold(headline)} {advice}\n\n{signs}", SpokenText.From(headline, advice, signs))
        {
            Card = card,
            Summary = $"{headline} {advice}",
            AlwaysShowSummary = true,
        };
    }

    /// <summary>
    /// A sign asked about as a risk, not described ("can numbing cream cause seizures?"): what to do if it
    /// is happening now, before the answer, without the alarm of <see cref="Render"/>.
    /// </summary>
    public static ReplyContent RenderConditional(ChannelCapabilities channel, TriageResult triage)
    {
        var emergency = triage.Conditional == ReferralLevel.Emergency;
        const string Headline = "If this is happening to you now";
        var advice = MarkdownText.Clean(triage.ConditionalAdvice ?? "");
        const string Prefix = "If this is happening to you now:";
        if (advice.StartsWith(Prefix, StringComparison.Ordinal)) advice = advice[Prefix.Length..].Trim();
        var card = channel.RendersCards
            ? new AdaptiveCard().Add(new Container(
                new TextBlock(Headline) { Weight = TextWeight.Bolder, Color = emergency ? TextColor.Attention : TextColor.Warning, Style = "heading" },
                new TextBlock(advice))
            { Style = emergency ? ContainerStyle.Attention : ContainerStyle.Warning })
            : null;
        return new ReplyContent($"{MarkdownText.Bold(Headline + ":")} {advice}", SpokenText.From(Headline, advice))
        {
            Card = card,
            Summary = $"{Headline}: {advice}",
            AlwaysShowSummary = true,
        };
    }

    private static string Join(IReadOnlyList<string> signs)
    {
        var clean = signs.Select(MarkdownText.Clean).ToList();
        return clean.Count == 1 ? clean[0] : string.Join(", ", clean[..^1]) + " and " + clean[^1];
    }
}
