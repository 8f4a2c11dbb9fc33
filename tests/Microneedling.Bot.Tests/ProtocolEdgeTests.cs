using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests;

/// <summary>
/// The defects real clients and hostile input found at the protocol edge, each with the behaviour
/// the host has now: lenient Connector success bodies, 502 quickly after bounded retries, unknown
/// deliveryMode 400, ids at the limit on SQLite, and re-delivered activities run once.
/// </summary>
public sealed class ProtocolEdgeTests : IAsyncLifetime, IDisposable
{
    private readonly BotHostFactory _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _host.Dispose();

    private static JsonObject EmulatorMessage(string? text = null)
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("emulator-message"))!;
        activity["conversation"]!["id"] = "edge-" + Guid.NewGuid().ToString("N");
        activity["id"] = "act-" + Guid.NewGuid().ToString("N");
        if (text is not null) activity["text"] = text;
        return activity;
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("OK", "text/plain")]
    [InlineData("<html>fine</html>", "text/html")]
    [InlineData("[1,2]", "application/json")]
    [InlineData("{\"id\":", "application/json")]
    public async Task A_Connector_success_with_an_empty_or_non_JSON_body_still_delivers_the_reply(string body, string? contentType)
    {
        _host.Connector.AnswerNextWith(1, body, contentType);

        using var response = await _host.PostAsync(EmulatorMessage().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Connector.Attempts);
    }

    [Fact]
    public async Task A_Connector_that_keeps_failing_with_503_gets_502_problem_details_after_bounded_retries()
    {
        _host.Connector.FailNext(10, HttpStatusCode.ServiceUnavailable);
        var clock = Stopwatch.StartNew();

        using var response = await _host.PostAsync(EmulatorMessage().ToJsonString());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, _host.Connector.Attempts); // the first try and two retries
        // A bound, not a speed figure: the retries are bounded (two, with short back-off), so the answer
        // comes in a few seconds, not the 11 s of unbounded ones; 10 s leaves room for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_unreachable_Connector_gets_502_quickly()
    {
        using var host = new UnreachableConnectorHost();
        var clock = Stopwatch.StartNew();

        using var response = await host.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), Json(EmulatorMessage()));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // A bound, not a speed figure: the retries are bounded (two, with short back-off), so the answer
        // comes in a few seconds, not the 11 s of unbounded ones; 10 s leaves room for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("EXPECTREPLIES")]
    [InlineData("")]
    public async Task An_unknown_deliveryMode_gets_400(string mode)
    {
        var activity = EmulatorMessage();
        activity["deliveryMode"] = mode;

        using var response = await _host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _host.Connector.Attempts);
    }

    [Fact]
    public async Task A_re_delivered_expectReplies_activity_runs_once_and_gets_the_same_replies()
    {
        var activity = EmulatorMessage("what is the best pizza in town");
        activity["deliveryMode"] = "expectReplies";

        using var first = await _host.PostAsync(activity.ToJsonString());
        using var again = await _host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var data = await ConversationDataAsync(activity);
        Assert.Equal(1, (int?)data["turns"]);
        var record = await ReadAsync(Microneedling.Dialogs.Curation.UnansweredQuestionLog.KeyFor("what is the best pizza in town"));
        Assert.Equal(1, (int?)record!["count"]);
    }

    [Fact]
    public async Task A_re_delivered_activity_is_answered_through_the_Connector_once()
    {
        var activity = EmulatorMessage();

        using var first = await _host.PostAsync(activity.ToJsonString());
        using var again = await _host.PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_host.Connector.Calls);
    }

    [Fact]
    public async Task Re_deliveries_that_arrive_together_run_once()
    {
        var activity = EmulatorMessage();
        activity["deliveryMode"] = "expectReplies";

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _host.PostAsync(activity.ToJsonString())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Content.ReadAsStringAsync().Result).Distinct());
        Assert.Equal(1, (int?)(await ConversationDataAsync(activity))["turns"]);
    }

    [Fact]
    public async Task A_new_activity_id_in_the_same_conversation_is_a_new_turn()
    {
        var activity = EmulatorMessage();
        activity["deliveryMode"] = "expectReplies";
        using (await _host.PostAsync(activity.ToJsonString())) { }
        activity["id"] = "another";
        using (await _host.PostAsync(activity.ToJsonString())) { }

        Assert.Equal(2, (int?)(await ConversationDataAsync(activity))["turns"]);
    }

    [Fact]
    public void The_Connector_client_follows_no_redirect_and_buffers_at_most_a_megabyte()
    {
        using var plain = new PlainHost();
        var handler = plain.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(ConnectorHttpClients.ClientName);
        var primary = handler;
        while (primary is DelegatingHandler delegating) primary = delegating.InnerHandler!;

        // The allow-list sees only the first URL: a redirect would take the reply (and token) past it.
        Assert.False(Assert.IsType<SocketsHttpHandler>(primary).AllowAutoRedirect);
        using var client = plain.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorHttpClients.ClientName);
        Assert.Equal(1024 * 1024, client.MaxResponseContentBufferSize);
    }

    [Fact]
    public async Task A_Connector_success_with_a_huge_body_is_delivered_without_keeping_it()
    {
        _host.Connector.AnswerNextWith(1, new string('x', 3 * 1024 * 1024), "text/plain");

        using var response = await _host.PostAsync(EmulatorMessage().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonObject> ConversationDataAsync(JsonObject activity) =>
        (await ReadAsync($"{activity["channelId"]}/conversations/{activity["conversation"]!["id"]}"))!["conversationData"]!.AsObject();

    private async Task<JsonObject?> ReadAsync(string key)
    {
        var storage = _host.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>();
        return (await storage.ReadAsync([key])).TryGetValue(key, out var value) ? JsonNode.Parse(value.ToString()!)!.AsObject() : null;
    }

    private static StringContent Json(JsonObject activity) => new(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The host as configured, with no test replacement of the Connector's handlers.</summary>
    private sealed class PlainHost : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", "");
        }
    }

    /// <summary>The host whose Connector calls go to a loopback port nothing listens on (connection refused).</summary>
    private sealed class UnreachableConnectorHost : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", "");
            var port = FreePort();
            builder.ConfigureServices(services => services.AddHttpClient(ConnectorHttpClients.ClientName).ConfigurePrimaryHttpMessageHandler(() => new RedirectTo(port)));
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private sealed class RedirectTo(int port) : DelegatingHandler(new SocketsHttpHandler())
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.RequestUri = new UriBuilder(request.RequestUri!) { Host = "127.0.0.1", Port = port, Scheme = "http" }.Uri;
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}

/// <summary>Channel and conversation ids at the limit on the default SQLite store: the state key is longer than 1,000 characters.</summary>
public sealed class LongIdTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "long-ids-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task A_512_character_channel_and_conversation_id_are_answered_and_their_state_is_kept()
    {
        using var host = new SqliteHost(_data);
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
        activity["deliveryMode"] = "expectReplies";
        activity["channelId"] = new string('c', 512);
        activity["conversation"]!["id"] = new string('x', 511) + "1";

        foreach (var id in new[] { "a", "b" })
        {
            activity["id"] = id;
            using var response = await host.CreateClient().PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var storage = host.Services.GetRequiredService<Microsoft.Bot.Builder.IStorage>();
        var key = $"{activity["channelId"]}/conversations/{activity["conversation"]!["id"]}";
        var state = (Newtonsoft.Json.Linq.JObject)(await storage.ReadAsync([key]))[key];
        Assert.Equal(2, (int?)state["conversationData"]!["turns"]);
    }

    private sealed class SqliteHost(string folder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "sqlite");
            builder.UseSetting("Storage:Path", folder);
            builder.UseSetting("MicrosoftAppId", "");
        }
    }
}
