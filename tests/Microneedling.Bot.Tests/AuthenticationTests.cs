using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microneedling.BotFramework.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests;

/// <summary>
/// With an app id configured, every request needs a valid channel token: without one the turn
/// never runs and nothing is sent. (Token validation itself is covered key by key in
/// Microneedling.BotFramework.Tests/Auth against a loopback OpenID endpoint.)
/// </summary>
public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.AuthEnabledHost>
{
    private readonly AuthEnabledHost _host;

    public AuthenticationTests(AuthEnabledHost host) => _host = host;

    public sealed class AuthEnabledHost : WebApplicationFactory<Program>
    {
        public FakeConnector Connector { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", "00000000-0000-4000-8000-00000000b071");
            builder.UseSetting("MicrosoftAppPassword", "not-a-real-secret");
            builder.UseSetting("MicrosoftAppType", "MultiTenant");
            // Nothing listens here: a token that got as far as key lookup would fail, never pass.
            builder.UseSetting("ToBotFromChannelOpenIdMetadataUrl", "http://127.0.0.1:9/openid");
            builder.UseSetting("ToBotFromEmulatorOpenIdMetadataUrl", "http://127.0.0.1:9/openid");
            builder.ConfigureServices(services =>
                services.AddHttpClient(ConnectorHttpClients.ClientName).ConfigurePrimaryHttpMessageHandler(Connector.CreateHandler));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Connector.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIiwiYXVkIjoiMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDBiMDcxIn0.")]
    public async Task Requests_without_a_valid_token_get_401_and_run_no_turn(string? authorization)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(BotHostFactory.Payload("teams-message-with-mention"), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _host.Connector.Attempts);
    }
}
