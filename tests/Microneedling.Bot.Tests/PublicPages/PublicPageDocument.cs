using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using NJsonSchema;

namespace Microneedling.Bot.Tests.PublicPages;

/// <summary>A public page fetched and parsed: strict HTML5 parsing (any parse error throws) and its JSON-LD.</summary>
internal static class PublicPageDocument
{
    private static readonly Lazy<JsonSchema> ClaimReviewSchema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "claimreview.schema.json")).GetAwaiter().GetResult());

    public static async Task<IHtmlDocument> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Parses in strict mode: a markup error (an unclosed element, a stray end tag...) fails the test.</summary>
    public static IHtmlDocument Parse(string html) =>
        new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(html);

    /// <summary>The page's one JSON-LD block, after checking there is exactly one and that it parses.</summary>
    public static JsonObject SingleJsonLd(IHtmlDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        return Assert.IsType<JsonObject>(JsonNode.Parse(script.TextContent));
    }

    /// <summary>The schema's complaints about a ClaimReview (empty when it has the required shape).</summary>
    public static IReadOnlyList<string> ClaimReviewProblems(JsonObject review) =>
        [.. ClaimReviewSchema.Value.Validate(review.ToJsonString()).Select(e => $"{e.Path}: {e.Kind}")];

    public static string? Meta(IHtmlDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
}
