using System.Text;
using Microneedling.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests;

/// <summary>
/// The bot host in memory (local mode, in-memory state) with the loopback <see cref="FakeConnector"/>:
/// every reply the bot sends through the Connector API goes there and is recorded.
/// </summary>
public sealed class BotHostFactory : WebApplicationFactory<Program>
{
    public FakeConnector Connector { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.ConfigureServices(services =>
            services.AddHttpClient(ConnectorHttpClients.ClientName).ConfigurePrimaryHttpMessageHandler(Connector.CreateHandler));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Connector.DisposeAsync();
    }

    public async Task<HttpResponseMessage> PostAsync(string json) =>
        await CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "payloads", name + ".json"));
}
