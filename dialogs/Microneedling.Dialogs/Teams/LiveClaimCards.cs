using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The <c>adaptiveCard/action</c> invokes of <see cref="SharedClaimCard"/> (Universal Actions): a refresh
/// gets the claim's current card (today's verdict and review date), a vote is recorded for curators and
/// gets the card with a thank-you in place of the buttons, shown to the person who voted.
/// </summary>
public sealed class LiveClaimCards(ClaimSet claims, PublicClaimPages pages, FeedbackStore feedback)
{
    private const string CardType = "application/vnd.microsoft.card.adaptive";

    public async Task<AdaptiveCardInvokeResponse> ExecuteAsync(AdaptiveCardInvokeValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var data = value.Action?.Data as JObject;
        var claimId = StringOf(data?["claimId"]);
        if (claims.Find(claimId ?? "") is not { } claim) return Card(Gone());
        if (value.Action!.Verb == LiveCardVerbs.Refresh) return Card(SharedClaimCard.Build(claim, pages.For(claim.Id)));

        var vote = StringOf(data!["vote"]);
        if (vote is not (CardActionValue.Helpful or CardActionValue.NotHelpful))
            return new AdaptiveCardInvokeResponse { StatusCode = 400, Type = "application/vnd.microsoft.error", Value = new { code = "BadRequest", message = "The vote is neither helpful nor not-helpful." } };
        // Live cards are a Teams feature: the adaptiveCard/action invoke only comes from Teams.
        await feedback.RecordAsync(claim.Id, vote, null, Microsoft.Bot.Connector.Channels.Msteams, cancellationToken).ConfigureAwait(false);
        return Card(SharedClaimCard.Build(claim, pages.For(claim.Id), vote));
    }

    private static AdaptiveCardInvokeResponse Card(JObject card) => new() { StatusCode = 200, Type = CardType, Value = card };

    /// <summary>A card for a claim taken out of the claim set since the card was shared.</summary>
    private static JObject Gone() => (JObject)AdaptiveCardJson.ToAttachment(new AdaptiveCard()
        .Add(new TextBlock("This fact-check is no longer available.") { Weight = TextWeight.Bolder })
        .Add(new TextBlock("The claim was withdrawn or merged into another. Ask the bot again for the current answer."))).Content;

    private static string? StringOf(JToken? token) => token?.Type == JTokenType.String ? (string?)token : null;
}
