using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;
using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// Renders the dialogs' decisions for the incoming message's channel (see <see cref="ChannelCapabilities"/>):
/// an Adaptive Card 1.5 with a short plain <c>text</c> and <c>speak</c> on card channels, Markdown
/// text elsewhere, each reply addressed like Bot Builder's <c>CreateReply</c>.
/// </summary>
public sealed class ReplyRenderer : IReplyRenderer
{
    private readonly ClaimSet _claims;
    private readonly DialogOptions _options;
    private readonly RenderedAnswers _answers = new();
    private readonly PublicClaimPages _pages;

    /// <param name="claims">The claim set (related and example questions are looked up in it).</param>
    /// <param name="options">The limits (related questions, examples); the dialogs' own, so both agree.</param>
    /// <param name="pages">Where the public fact-check pages are, for the answer cards' link (none when null).</param>
    public ReplyRenderer(ClaimSet claims, DialogOptions? options = null, PublicClaimPages? pages = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        _claims = claims;
        _options = options ?? new DialogOptions();
        _pages = pages ?? PublicClaimPages.None;
    }

    public Activity Welcome(Activity incoming, IReadOnlyList<Claim> suggested) =>
        Reply(incoming, GuideReply.Welcome(Channel(incoming), Examples(suggested)));

    public Activity Help(Activity incoming, IReadOnlyList<Claim> suggested) =>
        Reply(incoming, GuideReply.Help(Channel(incoming), Examples(suggested)));

    public Activity NotFound(Activity incoming, IReadOnlyList<Claim> covered) =>
        Reply(incoming, GuideReply.NotFound(Channel(incoming), Examples(covered)));

    public Activity RedFlag(Activity incoming, TriageResult triage) =>
        Reply(incoming, RedFlagReply.Render(Channel(incoming), triage));

    public Activity ConditionalAdvice(Activity incoming, TriageResult triage) =>
        Reply(incoming, RedFlagReply.RenderConditional(Channel(incoming), triage));

    public Activity Answer(Activity incoming, ClaimMatch match, IReadOnlyList<Claim> related)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(match);
        var channel = Channel(incoming);
        var relatedClaims = Related(match.Claim, related);
        // Numbers in the question make the answer its own; any other answer is rendered once.
        return match.QuantityNotes.Count == 0 && RenderedAnswers.KeyFor(incoming, channel, match.Claim.Id, relatedClaims.Select(r => r.Id)) is { } key
            ? _answers.GetOrRender(key, incoming, Render)
            : Render();

        Activity Render()
        {
            var reply = Reply(incoming, AnswerReply.Render(channel, match, relatedClaims, _pages.CardLinkFor(match.Claim.Id)));
            reply.Entities = [ClaimReviewEntity.ToEntity(match.Claim)];
            return reply;
        }
    }

    public Activity DidYouMean(Activity incoming, IReadOnlyList<Claim> candidates) =>
        Reply(incoming, ChoiceReply.DidYouMean(Channel(incoming), candidates), InputHints.ExpectingInput);

    public Activity Reprompt(Activity incoming, IReadOnlyList<Claim> candidates) =>
        Reply(incoming, ChoiceReply.Reprompt(Channel(incoming), candidates), InputHints.ExpectingInput);

    public Activity Sources(Activity incoming, IReadOnlyList<Claim> lastClaims) =>
        Reply(incoming, SourcesReply.Render(Channel(incoming), lastClaims));

    public Activity TooLong(Activity incoming, int maxLength) =>
        Plain(incoming, $"That message is a bit long for me (the limit is {maxLength} characters). Please ask one short question at a time, and I'll check it.");

    public Activity FeedbackThanks(Activity incoming, string vote) => Plain(incoming, vote switch
    {
        CardActionValue.Helpful => "Thanks for letting me know. I'm glad it helped.",
        CardActionValue.NotHelpful => "Thanks for telling me. Your feedback goes to the people who check these answers.",
        _ => "Thanks for your feedback.",
    });

    public Activity StartedOver(Activity incoming) =>
        Plain(incoming, "Okay, let's start over. Ask me about any microneedling claim you've heard.");

    /// <summary>How many rendered answers are kept for replay (for tests).</summary>
    internal int CachedAnswerCount => _answers.Count;

    private static ChannelCapabilities Channel(Activity incoming) => ChannelCapabilities.For(incoming);

    private static Activity Plain(Activity incoming, string text) =>
        Reply(incoming, new ReplyContent(text, SpokenText.From(text)));

    private static Activity Reply(Activity incoming, ReplyContent content, string inputHint = InputHints.AcceptingInput)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var channel = Channel(incoming);
        var reply = ReplyAddress.To(incoming);
        reply.InputHint = inputHint;
        reply.Speak = content.Speak;
        if (content.Card is { } card && channel.RendersCards)
        {
            card.FallbackText = MarkdownText.ToPlain(content.Markdown);
            card.Speak = content.Speak;
            card.Lang = incoming.Locale;
            // Web Chat shows a message's text as a bubble of its own above the card, repeating it, so
            // there the card goes alone (its fallbackText and speak carry the words). Teams shows the
            // text in notifications and chat previews, so it keeps the one-line summary; so do red flags.
            if (content.AlwaysShowSummary || incoming.ChannelId == "msteams")
            {
                reply.Text = content.Summary ?? card.FallbackText;
                reply.TextFormat = "plain";
            }
            reply.Attachments = [AdaptiveCardJson.ToAttachment(card)];
        }
        else
        {
            reply.Text = content.Markdown;
            reply.TextFormat = "markdown";
        }
        reply.SuggestedActions = ReplyButtons.Suggested(channel, content.Suggestions);
        return reply;
    }

    private List<Claim> Examples(IReadOnlyList<Claim> claims) =>
        [.. (claims.Count > 0 ? claims : _claims.All).Take(_options.MaxExamples)];

    // The dialogs pass the related claims they resolved; when they pass none, the claim's own
    // "related" list is looked up here so an answer still offers next questions.
    private List<Claim> Related(Claim claim, IReadOnlyList<Claim> related) =>
        [.. (related.Count > 0 ? related : claim.Related.Select(_claims.Find).OfType<Claim>())
            .Where(r => r.Id != claim.Id)
            .DistinctBy(r => r.Id)
            .Take(_options.MaxRelated)];
}
