namespace Microneedling.BotFramework.Connector;

/// <summary>
/// The outermost handler of the Connector HttpClient: a request to a host <see cref="TrustedServiceUrls"/>
/// does not trust fails at once, before any connection is opened or retried (so a hostile serviceUrl
/// never receives a request, with or without the bot's token).
/// </summary>
public sealed class ServiceUrlAllowListHandler(TrustedServiceUrls trusted) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { } uri || !trusted.IsTrusted(uri))
            throw new UntrustedServiceUrlException($"Refusing to call an untrusted serviceUrl ({request.RequestUri?.Host ?? "none"}).");
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A reply was to go to a serviceUrl the bot does not trust.</summary>
public sealed class UntrustedServiceUrlException : HttpRequestException
{
    public UntrustedServiceUrlException()
    {
    }

    public UntrustedServiceUrlException(string message) : base(message)
    {
    }

    public UntrustedServiceUrlException(string message, Exception inner) : base(message, inner)
    {
    }
}
