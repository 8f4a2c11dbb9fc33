using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// The bot host in memory as <see cref="BotHostFactory"/> sets it up, with public claim pages configured
/// (<c>PublicPages:BaseUrl</c>), so the Teams cards link to them and their links unfurl.
/// </summary>
public sealed class TeamsHost : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://factcheck.example.org/";

    public FakeConnector Connector { get; } = new();

    public LogLines Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("PublicPages:BaseUrl", PublicBaseUrl);
        // Local mode trusts only loopback serviceUrls; the payloads carry Teams' own, as Teams sends them.
        builder.UseSetting("Connector:TrustedServiceUrls:0", "https://smba.trafficmanager.net/emea/");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services =>
            services.AddHttpClient(ConnectorHttpClients.ClientName).ConfigurePrimaryHttpMessageHandler(Connector.CreateHandler));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>A payload from payloads/ in a conversation of its own (so no test sees another's state).</summary>
    public static JsonObject Payload(string name, Action<JsonObject>? change = null)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload(name))!;
        var conversation = activity["conversation"]!.AsObject();
        conversation["id"] = (string)conversation["id"]! + "-" + Guid.NewGuid().ToString("N");
        change?.Invoke(activity);
        return activity;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> InvokeAsync(JsonObject activity) => await InvokeAsync(activity.ToJsonString());

    public async Task<(HttpStatusCode Status, JsonNode? Body)> InvokeAsync(string json)
    {
        using var client = CreateClient();
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            if (text.Length > 0) body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // A body that is not JSON (an error page) stays null; the status is what such tests check.
        }
        return (response.StatusCode, body);
    }
}
