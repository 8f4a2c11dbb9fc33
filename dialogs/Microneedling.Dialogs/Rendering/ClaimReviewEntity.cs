using System.Globalization;
using System.Text.Json.Nodes;
using Microneedling.FactCheck;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The machine-readable verdict (schema.org ClaimReview) attached to every answer, so transcripts
/// and analytics can read which claim was answered and how. Same shape as the bot has always sent.
/// </summary>
public static class ClaimReviewEntity
{
    /// <summary>The entity as the SDK's <see cref="Entity"/>: its <c>type</c>, and the rest as its properties.</summary>
    public static Entity ToEntity(Claim claim)
    {
        var properties = JObject.Parse(For(claim).ToJsonString());
        properties.Remove("type");
        return new Entity("https://schema.org/ClaimReview") { Properties = properties };
    }

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
