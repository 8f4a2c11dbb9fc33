using System.Globalization;
using System.Text.Json.Nodes;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The machine-readable verdict (schema.org ClaimReview) attached to every answer, so transcripts
/// and analytics can read which claim was answered and how. Same shape as the bot has always sent.
/// </summary>
public static class ClaimReviewEntity
{
    public static JsonObject For(Claim claim)
    {
        var entity = new JsonObject
        {
            ["type"] = "https://schema.org/ClaimReview",
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["identifier"] = claim.Id,
            ["claimReviewed"] = claim.Statement,
            ["reviewRating"] = new JsonObject { ["@type"] = "Rating", ["alternateName"] = claim.Verdict.ToName() },
        };
        // The claim loader requires a source; the guard only keeps a hand-built claim from throwing.
        if (claim.Sources.Count > 0) entity["url"] = claim.Sources[0].Url.ToString();
        entity["dateModified"] = claim.LastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return entity;
    }
}
