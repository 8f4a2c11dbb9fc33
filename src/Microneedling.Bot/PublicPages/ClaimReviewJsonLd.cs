using System.Globalization;
using System.Text.Json.Nodes;
using Microneedling.FactCheck;

namespace Microneedling.Bot.PublicPages;

/// <summary>
/// The schema.org ClaimReview of one public fact-check page, with the properties Google's fact-check
/// rich result requires (https://developers.google.com/search/docs/appearance/structured-data/factcheck):
/// <c>claimReviewed</c>, <c>reviewRating</c> with <c>alternateName</c>, <c>url</c> (the page itself,
/// so on the page's host), <c>author</c> (the publishing organisation) — plus the recommended
/// <c>datePublished</c> and <c>itemReviewed</c> (a Claim, with the article it appeared in).
/// </summary>
internal static class ClaimReviewJsonLd
{
    /// <summary>Google asks for a claimReviewed under 75 characters (it is shown on one line on phones).</summary>
    public const int MaxClaimReviewedLength = 74;

    public static JsonObject For(Claim claim, Uri pageUrl, Uri site, PublishingOrganization organization, Article? appearance)
    {
        // last-reviewed is the only date a claim file carries: the page is (re)published when reviewed.
        var reviewed = claim.LastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var item = new JsonObject { ["@type"] = "Claim" };
        if (appearance is not null) item["appearance"] = CreativeWork(appearance);
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["url"] = pageUrl.AbsoluteUri,
            ["identifier"] = claim.Id,
            ["claimReviewed"] = Shorten(claim.Statement, MaxClaimReviewedLength),
            ["author"] = new JsonObject
            {
                ["@type"] = "Organization",
                ["name"] = organization.Name,
                ["url"] = string.IsNullOrWhiteSpace(organization.Url) ? site.AbsoluteUri : organization.Url,
            },
            ["datePublished"] = reviewed,
            ["dateModified"] = reviewed,
            // The textual rating is what search results show; the verdict scale has no honest number
            // ("unproven" is not between false and true), so no ratingValue is given.
            ["reviewRating"] = new JsonObject { ["@type"] = "Rating", ["alternateName"] = claim.Verdict.ToLabel() },
            ["itemReviewed"] = item,
        };
    }

    private static JsonObject CreativeWork(Article article)
    {
        var work = new JsonObject { ["@type"] = "CreativeWork", ["headline"] = article.Headline };
        if (article.Author is { } author) work["author"] = new JsonObject { ["@type"] = "Person", ["name"] = author };
        if (article.Url is { } url) work["url"] = url.AbsoluteUri;
        return work;
    }

    /// <summary>The text cut at the last word boundary that fits, with an ellipsis, when it is too long.</summary>
    public static string Shorten(string text, int max)
    {
        var clean = text.Trim();
        if (clean.Length <= max) return clean;
        var cut = clean.LastIndexOf(' ', max - 1);
        return clean[..(cut > max / 2 ? cut : max - 1)].TrimEnd(' ', ',', ';', ':', '-') + "…";
    }
}
