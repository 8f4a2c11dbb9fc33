using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microneedling.Bot.Tests.PublicPages;
using Microneedling.Dialogs.Curation;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests.Curation;

/// <summary>The curators' page with <c>Curation:ApiKey</c> set: authentication, the report, marking items reviewed, privacy headers.</summary>
public sealed class CurationPageTests(CuratorHostFactory host) : IClassFixture<CuratorHostFactory>
{
    private static readonly Uri Page = new("/curation", UriKind.Relative);

    private async Task<string> UnansweredAsync(string question, params string[] candidates) =>
        CurationItemId.Of(await host.Services.GetRequiredService<UnansweredQuestionLog>().RecordAsync(question, UnansweredQuestionLog.Reasons.NoMatch, candidates, CancellationToken.None));

    private static async Task<IHtmlDocument> ReadPageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return PublicPageDocument.Parse(body);
    }

    private static void AssertPrivate(HttpResponseMessage response)
    {
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("noindex, nofollow", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
    }

    [Fact]
    public async Task The_report_with_the_key_lists_a_question_the_bot_could_not_answer_with_no_conversation_or_user_id()
    {
        await host.AskAsync("which pizza topping is best for a birthday party");

        using var response = await host.WithKey().GetAsync(Page);

        AssertPrivate(response);
        var page = await ReadPageAsync(response);
        Assert.Equal("Curation report", page.QuerySelector("h1")?.TextContent);
        var cell = Assert.Single(page.QuerySelectorAll("section[aria-labelledby='unanswered'] td"), c => c.TextContent == "which pizza topping is best for a birthday party");
        var row = cell.ParentElement!;
        Assert.Equal("Mark reviewed", row.QuerySelector("button")?.TextContent);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("conv-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("user1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unanswered_questions_are_grouped_under_the_nearest_claim_named_by_its_statement()
    {
        await UnansweredAsync("does rolling help a sunburn heal", "aftercare");

        var page = await ReadPageAsync(await host.WithKey().GetAsync(Page));

        var heading = Assert.Single(page.QuerySelectorAll("section[aria-labelledby='unanswered'] h3"), h => h.QuerySelector("code")?.TextContent == "aftercare");
        Assert.StartsWith("/claims/aftercare", heading.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        var table = heading.NextElementSibling!;
        Assert.Contains(table.QuerySelectorAll("td"), c => c.TextContent == "does rolling help a sunburn heal");
    }

    [Fact]
    public async Task Picks_and_feedback_comments_are_listed_per_claim_with_the_helpful_rate()
    {
        await host.Services.GetRequiredService<DidYouMeanPickLog>().RecordAsync("how often may i roll at home", "home-frequency", CancellationToken.None);
        var feedback = host.Services.GetRequiredService<FeedbackStore>();
        await feedback.RecordAsync("melasma", "helpful", null, "webchat", CancellationToken.None);
        await feedback.RecordAsync("melasma", "not-helpful", "the answer was far too long", "msteams", CancellationToken.None);

        var page = await ReadPageAsync(await host.WithKey().GetAsync(Page));

        var picks = page.QuerySelector("section[aria-labelledby='picks']")!;
        Assert.Contains(picks.QuerySelectorAll("td"), c => c.TextContent == "how often may i roll at home");
        var claim = Assert.Single(page.QuerySelectorAll("section[aria-labelledby='feedback'] h3"), h => h.QuerySelector("code")?.TextContent == "melasma");
        Assert.Contains("1 of 2 helpful, 50 %", claim.TextContent, StringComparison.Ordinal);
        Assert.Contains(claim.NextElementSibling!.QuerySelectorAll("td"), c => c.TextContent == "the answer was far too long");
    }

    [Fact]
    public async Task Without_a_key_an_api_client_gets_401_problem_details_saying_how_to_send_it()
    {
        using var response = await host.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(Page);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertPrivate(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The curator key is needed.", (string?)problem["title"]);
        Assert.Contains("X-Api-Key", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization", "Bearer not-the-curator-key-at-all")]
    [InlineData("Authorization", "Bearer " + CuratorHostFactory.Key + "x")]
    [InlineData("Authorization", "Basic " + CuratorHostFactory.Key)]
    [InlineData("X-Api-Key", "curator-key-7f3a9c1e5b2d406")]
    [InlineData("X-Api-Key", "x")]
    public async Task A_wrong_key_is_401_and_the_key_is_never_logged(string header, string value)
    {
        var client = host.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertPrivate(response);
        Assert.Equal("The curator key is not right.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]);
        Assert.DoesNotContain(host.Logs, l => l.Contains(CuratorHostFactory.Key[..20], StringComparison.Ordinal) || (value.Length > 8 && l.Contains(value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_key_in_X_Api_Key_opens_the_report()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Add("X-Api-Key", CuratorHostFactory.Key);

        using var response = await host.CreateClient().SendAsync(request);

        await ReadPageAsync(response);
    }

    [Fact]
    public async Task A_browser_without_a_sign_in_is_sent_to_the_sign_in_form()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await host.Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/curation/sign-in", response.Headers.Location?.OriginalString);
        AssertPrivate(response);
    }

    [Fact]
    public async Task Marking_an_item_reviewed_with_json_hides_it_until_show_reviewed_and_it_returns_when_asked_again()
    {
        const string question = "can i microneedle my cat";
        var id = await UnansweredAsync(question);

        using var marked = await host.WithKey().PostAsync(new Uri("/curation/api/reviewed", UriKind.Relative), Json(new JsonObject { ["id"] = id }));

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.True((bool)JsonNode.Parse(await marked.Content.ReadAsStringAsync())!["reviewed"]!);
        var hidden = await ReadPageAsync(await host.WithKey().GetAsync(Page));
        Assert.DoesNotContain(hidden.QuerySelectorAll("td"), c => c.TextContent == question);
        Assert.Contains("marked reviewed not shown", hidden.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        var shown = await ReadPageAsync(await host.WithKey().GetAsync(new Uri("/curation?reviewed=1", UriKind.Relative)));
        var row = Assert.Single(shown.QuerySelectorAll("td"), c => c.TextContent == question).ParentElement!;
        Assert.Equal("Reviewed", row.QuerySelector(".reviewed")?.TextContent);

        await UnansweredAsync(question);
        var again = await ReadPageAsync(await host.WithKey().GetAsync(Page));
        Assert.Contains(again.QuerySelectorAll("td"), c => c.TextContent == question);
    }

    [Fact]
    public async Task A_browser_signs_in_with_the_form_gets_a_strict_http_only_cookie_and_marks_an_item_reviewed_with_a_form()
    {
        const string question = "is rolling ok before a wedding photo shoot";
        var id = await UnansweredAsync(question);
        var browser = host.Browser("https://localhost");
        var signInForm = await ReadPageAsync(await browser.GetAsync(new Uri("/curation/sign-in", UriKind.Relative)));

        using var signedIn = await browser.PostAsync(new Uri("/curation/sign-in", UriKind.Relative), Form(signInForm, ("key", CuratorHostFactory.Key)));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/curation", signedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mn-curator=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/curation", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(CuratorHostFactory.Key, cookie, StringComparison.Ordinal);

        var report = await ReadPageAsync(await browser.GetAsync(Page));
        var reviewForm = Assert.Single(report.QuerySelectorAll("form[action='/curation/reviewed']"), f => f.QuerySelector("input[name='id']")?.GetAttribute("value") == id);
        using var posted = await browser.PostAsync(new Uri("/curation/reviewed", UriKind.Relative), Form(reviewForm));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/curation", posted.Headers.Location?.OriginalString);
        var after = await ReadPageAsync(await browser.GetAsync(Page));
        Assert.DoesNotContain(after.QuerySelectorAll("td"), c => c.TextContent == question);
        Assert.DoesNotContain(host.Logs, l => l.Contains(question, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_key_in_the_sign_in_form_is_401_with_the_form_and_a_clear_message_and_no_cookie()
    {
        var browser = host.Browser();
        var signInForm = await ReadPageAsync(await browser.GetAsync(new Uri("/curation/sign-in", UriKind.Relative)));

        using var response = await browser.PostAsync(new Uri("/curation/sign-in", UriKind.Relative), Form(signInForm, ("key", "not the curator key")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertPrivate(response);
        var page = PublicPageDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("That is not the curator key.", page.QuerySelector("[role='alert']")?.TextContent);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("mn-curator=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_with_400_even_when_signed_in()
    {
        var id = await UnansweredAsync("a question nobody reviews by forgery");

        using var response = await host.WithKey().PostAsync(new Uri("/curation/reviewed", UriKind.Relative), new FormUrlEncodedContent([new("id", id)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from the curation page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var shown = await ReadPageAsync(await host.WithKey().GetAsync(Page));
        Assert.Contains(shown.QuerySelectorAll("td"), c => c.TextContent == "a question nobody reviews by forgery");
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token()
    {
        using var response = await host.Browser().PostAsync(new Uri("/curation/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("key", CuratorHostFactory.Key)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("mn-curator=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_out_ends_the_browser_sign_in()
    {
        var browser = host.Browser();
        var signInForm = await ReadPageAsync(await browser.GetAsync(new Uri("/curation/sign-in", UriKind.Relative)));
        await browser.PostAsync(new Uri("/curation/sign-in", UriKind.Relative), Form(signInForm, ("key", CuratorHostFactory.Key)));
        var report = await ReadPageAsync(await browser.GetAsync(Page));

        using var signedOut = await browser.PostAsync(new Uri("/curation/sign-out", UriKind.Relative), Form(report.QuerySelector("form[action='/curation/sign-out']")!));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Page)).StatusCode);
    }

    internal static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>A form's fields as the page rendered them (its antiforgery token included), plus <paramref name="extra"/>.</summary>
    internal static FormUrlEncodedContent Form(AngleSharp.Dom.IParentNode form, params (string Name, string Value)[] extra) =>
        new([.. form.QuerySelectorAll("input[type='hidden']").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")),
            .. extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value))]);
}
