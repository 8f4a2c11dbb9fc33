using System.Net;
using System.Text.Json.Nodes;

namespace Microneedling.Bot.Tests;

/// <summary>
/// Normal delivery through the loopback Connector: transient failures are retried (honouring
/// Retry-After) so the reply still arrives; a failure that does not go away is a 502, not a 500.
/// </summary>
public sealed class ConnectorDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly BotHostFactory _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _host.Dispose();

    private static JsonObject EmulatorMessage()
    {
        var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("emulator-message"))!;
        activity["conversation"]!["id"] = "emu-" + Guid.NewGuid().ToString("N");
        return activity;
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_and_the_reply_is_delivered()
    {
        _host.Connector.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));

        using var response = await _host.PostAsync(EmulatorMessage().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_host.Connector.Calls);
        Assert.True(_host.Connector.Attempts > _host.Connector.Calls.Count, "the failed attempt reached the fake too");
    }

    [Fact]
    public async Task A_503_is_retried_and_the_reply_is_delivered()
    {
        _host.Connector.FailNext(1, HttpStatusCode.ServiceUnavailable);

        using var response = await _host.PostAsync(EmulatorMessage().ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_host.Connector.Calls);
    }

    [Fact]
    public async Task A_client_error_from_the_Connector_is_not_retried_and_answers_502()
    {
        _host.Connector.FailNext(1, HttpStatusCode.Forbidden);

        using var response = await _host.PostAsync(EmulatorMessage().ToJsonString());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, _host.Connector.Attempts);
        Assert.Empty(_host.Connector.Calls);
    }
}
