using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Microneedling.DirectLine.Tests;

/// <summary>With DirectLine:Secret configured the page's token comes from Azure; the secret never leaves the server.</summary>
public sealed class AzureModeTests : IAsyncLifetime
{
    private FakeAzureDirectLine _azure = null!;

    public async Task InitializeAsync() => _azure = await FakeAzureDirectLine.StartAsync();

    public async Task DisposeAsync() => await _azure.DisposeAsync();

    [Fact]
    public async Task Page_token_is_exchanged_at_azure_with_the_secret_and_names_the_azure_domain()
    {
        using var host = new AzureHost(_azure.BaseUrl, FakeAzureDirectLine.Secret);
        using var response = await host.CreateClient().PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(FakeAzureDirectLine.Secret, text, StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("azure-token-1", body["token"]!.GetValue<string>());
        Assert.Equal("azure-conv-1", body["conversationId"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal(_azure.BaseUrl, body["domain"]!.GetValue<string>());
        Assert.Equal(["Bearer " + FakeAzureDirectLine.Secret], _azure.Authorizations);
        Assert.StartsWith("dl_", JsonNode.Parse(_azure.Bodies[0])!["user"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_refusing_the_secret_is_502_for_the_page()
    {
        using var host = new AzureHost(_azure.BaseUrl, "wrong-secret");
        using var response = await host.CreateClient().PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("wrong-secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_failing_is_502_for_the_page()
    {
        _azure.FailWith = 500;
        using var host = new AzureHost(_azure.BaseUrl, FakeAzureDirectLine.Secret);
        using var response = await host.CreateClient().PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Unreachable_azure_is_502_for_the_page()
    {
        using var host = new AzureHost("http://127.0.0.1:1/v3/directline", FakeAzureDirectLine.Secret);
        using var response = await host.CreateClient().PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Azure_too_slow_is_502_for_the_page_not_500()
    {
        _azure.Delay = TimeSpan.FromSeconds(5);
        using var host = new AzureHost(_azure.BaseUrl, FakeAzureDirectLine.Secret, timeout: "00:00:01");
        using var response = await host.CreateClient().PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Theory]
    [InlineData("text/html")]
    public async Task Azure_answering_an_unexpected_content_type_is_502_for_the_page(string contentType)
    {
        _azure.ContentType = contentType;
        using var host = new AzureHost(_azure.BaseUrl, FakeAzureDirectLine.Secret);
        using var response = await host.CreateClient().PostAsync(new Uri("/api/directline/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    private sealed class AzureHost(string endpoint, string secret, string timeout = "00:00:15") : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = secret,
            ["DirectLine:Endpoint"] = endpoint,
            ["DirectLine:AzureTimeout"] = timeout,
        };
    }
}
