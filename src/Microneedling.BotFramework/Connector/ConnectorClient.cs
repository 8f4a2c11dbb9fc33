using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microneedling.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace Microneedling.BotFramework.Connector;

/// <summary>
/// Sends the bot's activities to the channel through the Connector REST API at the activity's
/// serviceUrl: reply-to-activity when there is an activity to answer, send-to-conversation
/// otherwise. Retries (429 with Retry-After, 5xx) come from the HttpClient's resilience handler.
/// </summary>
public sealed partial class ConnectorClient
{
    private readonly HttpClient _http;
    private readonly IAccessTokenProvider _tokens;
    private readonly TrustedServiceUrls _trusted;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClient(HttpClient http, IAccessTokenProvider tokens, TrustedServiceUrls trusted, ILogger<ConnectorClient> logger)
    {
        _http = http;
        _tokens = tokens;
        _trusted = trusted;
        _logger = logger;
    }

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var serviceUrl = activity.ServiceUrl;
        if (!_trusted.IsTrusted(serviceUrl))
            throw new ConnectorException($"Refusing to send to an untrusted serviceUrl ({Host(serviceUrl)}).");
        var conversationId = activity.Conversation?.Id ?? throw new ConnectorException("The activity has no conversation id.");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (activity.ReplyToId is { Length: > 0 } replyTo) path += "/" + Uri.EscapeDataString(replyTo);
        var url = new Uri(new Uri(serviceUrl!.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(activity, options: BotJson.Options),
        };
        if (await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LogSendFailed(_logger, (int)response.StatusCode, Host(serviceUrl));
            throw new ConnectorException($"The Connector answered {(int)response.StatusCode}.");
        }
        var body = await response.Content.ReadFromJsonAsync<ResourceResponse>(BotJson.Options, cancellationToken).ConfigureAwait(false);
        return body ?? new ResourceResponse(null);
    }

    private static string Host(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : "(invalid)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector send failed with {Status} at {Host}")]
    private static partial void LogSendFailed(ILogger logger, int status, string host);
}

public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message) : base(message)
    {
    }

    public ConnectorException(string message, Exception inner) : base(message, inner)
    {
    }
}
