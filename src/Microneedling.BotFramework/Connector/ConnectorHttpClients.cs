namespace Microneedling.BotFramework.Connector;

/// <summary>
/// What the SDK's connector factory gets as its <see cref="IHttpClientFactory"/>: every client it
/// creates (Connector and token-service calls) is the named <see cref="ClientName"/> client with the
/// allow-list, bounded retries and lenient success bodies. The SDK validates inbound tokens with
/// its own client, so OpenID metadata fetches are not affected.
/// </summary>
public sealed class ConnectorHttpClients(IHttpClientFactory inner) : IHttpClientFactory
{
    public const string ClientName = "BotConnector";

    public HttpClient CreateClient(string name) => inner.CreateClient(ClientName);
}
