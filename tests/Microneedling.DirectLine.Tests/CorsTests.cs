using System.Net;

namespace Microneedling.DirectLine.Tests;

/// <summary>Pages on an allowed origin may call the endpoint from a browser; others get no CORS headers.</summary>
public sealed class CorsTests : IDisposable
{
    private readonly CorsHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Preflight_from_an_allowed_origin_allows_the_direct_line_headers()
    {
        using var request = Preflight("/v3/directline/conversations/abc/activities", "https://pages.example");
        using var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://pages.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var headers = response.Headers.GetValues("Access-Control-Allow-Headers").Single();
        Assert.Contains("Authorization", headers, StringComparison.Ordinal);
        Assert.Contains("x-ms-bot-agent", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_from_another_origin_is_refused()
    {
        using var request = Preflight("/api/directline/token", "https://evil.example");
        using var response = await _host.CreateClient().SendAsync(request);

        // ASP.NET Core's CORS middleware refuses as the CORS spec says: an answer without the allow
        // headers, which the browser turns into a blocked request.
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Answers_to_an_allowed_origin_carry_the_allow_origin_header_even_on_errors()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v3/directline/conversations", UriKind.Relative));
        request.Headers.Add("Origin", "https://pages.example");
        using var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("https://pages.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        return request;
    }

    private sealed class CorsHost : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DirectLine:AllowedOrigins:0"] = "https://pages.example",
        };
    }
}
