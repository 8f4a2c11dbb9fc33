using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microneedling.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// With an app id configured, the message extension's invokes pass the SDK's channel authentication like
/// every activity: a Bot Connector token for the app and the activity's serviceUrl is answered, anything
/// else is 401 before any handler runs.
/// </summary>
public sealed class TeamsAuthTests(TeamsAuthTests.AuthenticatedHost host) : IClassFixture<TeamsAuthTests.AuthenticatedHost>
{
    private const string AppId = "00000000-0000-4000-8000-00000000b071";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    public sealed class AuthenticatedHost : WebApplicationFactory<Program>
    {
        private readonly FakeConnector _connector = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", AppId);
            builder.UseSetting("MicrosoftAppPassword", "not-a-real-secret");
            builder.UseSetting("MicrosoftAppType", "MultiTenant");
            // Setting any one of the SDK's cloud keys makes it read all of them (a keyless value is null, not
            // the public cloud's): the public cloud's values, with the OpenID metadata served from memory.
            builder.UseSetting("ToBotFromChannelOpenIdMetadataUrl", ChannelTokens.MetadataUrl);
            builder.UseSetting("ToBotFromChannelTokenIssuer", "https://api.botframework.com");
            builder.UseSetting("ToBotFromEmulatorOpenIdMetadataUrl", "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration");
            builder.UseSetting("ToChannelFromBotLoginUrl", "https://login.microsoftonline.com/botframework.com");
            builder.UseSetting("ToChannelFromBotOAuthScope", "https://api.botframework.com");
            builder.UseSetting("OAuthUrl", "https://api.botframework.com");
            builder.UseSetting("CallerId", "urn:botframework:azure");
            builder.UseSetting("ValidateAuthority", "true");
            builder.UseSetting("PublicPages:BaseUrl", TeamsHost.PublicBaseUrl);
            builder.ConfigureServices(services =>
                services.AddHttpClient(ConnectorHttpClients.ClientName).ConfigurePrimaryHttpMessageHandler(_connector.CreateHandler));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await _connector.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string payload, string? token)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(TeamsHost.Payload(payload).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("teams-compose-query", "composeExtension")]
    [InlineData("teams-message-action-fetch", "task")]
    [InlineData("teams-query-link", "composeExtension")]
    [InlineData("teams-card-refresh", "statusCode")]
    public async Task A_valid_channel_token_gets_the_invoke_answered(string payload, string field)
    {
        using var response = await PostAsync(payload, ChannelTokens.For(AppId, ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_without_a_token_is_401()
    {
        using var response = await PostAsync("teams-compose-query", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_app_is_401()
    {
        using var response = await PostAsync("teams-compose-query", ChannelTokens.For("11111111-0000-4000-8000-000000000000", ServiceUrl));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_vouching_for_another_service_url_is_401()
    {
        using var response = await PostAsync("teams-compose-query", ChannelTokens.For(AppId, "https://attacker.example.com/"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
