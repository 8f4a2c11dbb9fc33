using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests;

/// <summary>
/// The bot host in memory (local mode, in-memory state) with a fake Connector: every reply the bot
/// sends through the Connector API is recorded instead of leaving the process.
/// </summary>
public sealed class BotHostFactory : WebApplicationFactory<Program>
{
    public FakeConnector Connector { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.ConfigureServices(services =>
            services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => Connector));
    }

    public async Task<HttpResponseMessage> PostAsync(string json) =>
        await CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "payloads", name + ".json"));
}

/// <summary>Records Connector calls (method, URL, auth header, body) and answers like the real service.</summary>
public sealed class FakeConnector : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, Uri Url, string? Authorization, JsonObject Body)> _calls = [];

    public IReadOnlyList<(HttpMethod Method, Uri Url, string? Authorization, JsonObject Body)> Calls
    {
        get { lock (_calls) return _calls.ToList(); }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = (JsonObject)JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        lock (_calls) _calls.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"sent-" + _calls.Count + "\"}", Encoding.UTF8, "application/json") };
    }
}
