using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.Bot.Tests.PublicPages;

namespace Microneedling.Bot.Tests.Curation;

/// <summary>What the curators' endpoints answer to input no page sends: always a clear 4xx, never 5xx.</summary>
public sealed class CurationGarbageTests(CuratorHostFactory host) : IClassFixture<CuratorHostFactory>
{
    private static readonly Uri JsonEndpoint = new("/curation/api/reviewed", UriKind.Relative);

    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"] ?? "";

    [Theory]
    [InlineData("")]
    [InlineData("unanswered")]
    [InlineData("unanswered/")]
    [InlineData("unanswered/xyz")]
    [InlineData("unanswered/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("unanswered/0123456789abcdef0123456789abcdef0")]
    [InlineData("state/0123456789abcdef0123456789abcdef")]
    [InlineData("../webchat/conversations/abc")]
    [InlineData("unanswered/../../webchat/conversations/0123")]
    [InlineData("unanswered/0123456789abcdef0123456789abcde\u0000")]
    public async Task An_id_that_is_not_a_curation_item_id_is_400(string id)
    {
        using var response = await host.WithKey().PostAsync(JsonEndpoint, CurationPageTests.Json(new JsonObject { ["id"] = id }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a curation item id", await ProblemTitleAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_megabyte_id_is_refused_before_it_is_read()
    {
        using var response = await host.WithKey().PostAsync(JsonEndpoint, CurationPageTests.Json(new JsonObject { ["id"] = new string('a', 1024 * 1024) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_well_formed_id_of_no_record_is_404()
    {
        using var response = await host.WithKey().PostAsync(JsonEndpoint, CurationPageTests.Json(new JsonObject { ["id"] = "picks/0123456789abcdef0123456789abcdef" }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no curation item", await ProblemTitleAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\": 42}")]
    [InlineData("\"unanswered/0123456789abcdef0123456789abcdef\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public async Task A_json_body_that_is_not_an_id_object_is_400(string body)
    {
        using var response = await host.WithKey().PostAsync(JsonEndpoint, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await ProblemTitleAsync(response));
    }

    [Fact]
    public async Task A_json_endpoint_body_that_is_not_json_is_415()
    {
        using var response = await host.WithKey().PostAsync(JsonEndpoint, new StringContent("id=unanswered/x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task The_json_endpoint_does_not_take_the_browser_cookie()
    {
        var browser = host.Browser();
        var signInForm = PublicPageDocument.Parse(await browser.GetStringAsync(new Uri("/curation/sign-in", UriKind.Relative)));
        await browser.PostAsync(new Uri("/curation/sign-in", UriKind.Relative), CurationPageTests.Form(signInForm, ("key", CuratorHostFactory.Key)));

        using var response = await browser.PostAsync(JsonEndpoint, CurationPageTests.Json(new JsonObject { ["id"] = "picks/0123456789abcdef0123456789abcdef" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_huge_form_body_is_413()
    {
        using var response = await host.WithKey().PostAsync(new Uri("/curation/reviewed", UriKind.Relative),
            new FormUrlEncodedContent([new("id", new string('a', 200_000))]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "%%%=%%%&&&=====&id")]
    [InlineData("application/x-www-form-urlencoded", "\u00ff\u00fe\u0000\u0001")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nnot a part\r\n")]
    [InlineData("multipart/form-data", "no boundary at all")]
    [InlineData("application/json", "{\"id\":\"unanswered/0123456789abcdef0123456789abcdef\"}")]
    public async Task A_malformed_form_is_400_with_a_clear_title(string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await host.WithKey().PostAsync(new Uri("/curation/reviewed", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reload the page", await ProblemTitleAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_of_thousands_of_fields_is_a_4xx()
    {
        var fields = string.Join('&', Enumerable.Range(0, 3000).Select(i => $"f{i}=1"));

        using var response = await host.WithKey().PostAsync(new Uri("/curation/reviewed", UriKind.Relative), new StringContent(fields, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("?since=yesterday")]
    [InlineData("?since=2026-13-01")]
    [InlineData("?since=2026-01-01&since=2026-02-01")]
    [InlineData("?reviewed=maybe")]
    public async Task A_report_query_that_is_not_a_day_or_flag_is_400(string query)
    {
        using var response = await host.WithKey().GetAsync(new Uri("/curation" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await ProblemTitleAsync(response));
    }

    [Fact]
    public async Task A_report_since_a_day_is_200()
    {
        using var response = await host.WithKey().GetAsync(new Uri("/curation?since=2026-01-01&reviewed=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Without <c>Curation:ApiKey</c> the page does not exist.</summary>
public sealed class CurationOffTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    [Theory]
    [InlineData("GET", "/curation")]
    [InlineData("GET", "/curation/sign-in")]
    [InlineData("POST", "/curation/sign-in")]
    [InlineData("POST", "/curation/reviewed")]
    [InlineData("POST", "/curation/api/reviewed")]
    public async Task Every_curation_path_is_404_even_with_a_key(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + CuratorHostFactory.Key);
        if (method == "POST") request.Content = new FormUrlEncodedContent([new("key", CuratorHostFactory.Key)]);

        using var response = await host.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Robots_txt_keeps_crawlers_off_the_curation_page_and_the_sitemap_does_not_list_it()
    {
        var client = host.CreateClient();
        Assert.Contains("Disallow: /curation", (await client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative))).Split('\n'));
        Assert.DoesNotContain("/curation", await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)), StringComparison.Ordinal);
    }
}

/// <summary>A key too short to be safe stops the host at start-up instead of guarding the questions weakly.</summary>
public sealed class CurationKeyValidationTests
{
    [Fact]
    public async Task A_short_key_exits_1_naming_the_setting_and_not_the_key()
    {
        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["Curation:ApiKey"] = "short-key-42" }, TimeSpan.FromSeconds(120));

        Assert.Equal(1, exit.Code);
        Assert.Contains("Curation:ApiKey", exit.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("short-key-42", exit.Error + exit.Output, StringComparison.Ordinal);
    }
}
