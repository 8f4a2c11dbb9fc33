using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests.Curation;

/// <summary>
/// The host with the curators' page on (<c>Curation:ApiKey</c> set), in-memory state, and every log
/// line it writes kept (formatted, with exceptions), so tests can show no key and no question is logged.
/// </summary>
public sealed class CuratorHostFactory : WebApplicationFactory<Program>
{
    public const string Key = "curator-key-7f3a9c1e5b2d4068";

    public FakeConnector Connector { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    public IStorage Storage => Services.GetRequiredService<IStorage>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("Curation:ApiKey", Key);
        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.ConfigureServices(services =>
        {
            services.AddHttpClient(ConnectorHttpClients.ClientName).ConfigurePrimaryHttpMessageHandler(Connector.CreateHandler);
            services.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(Logs));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>A client that does not follow redirects (the tests look at them) and keeps cookies.</summary>
    public HttpClient Browser(string baseAddress = "http://localhost") =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });

    /// <summary>A client that sends the key in the Authorization header.</summary>
    public HttpClient WithKey(string key = Key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Asks the bot <paramref name="text"/> in a fresh Web Chat conversation (expectReplies), as a person would.</summary>
    public async Task AskAsync(string text)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        activity["text"] = text;
        activity["conversation"]!["id"] = "conv-" + Guid.NewGuid().ToString("N");
        using var response = await CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class RecordingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
