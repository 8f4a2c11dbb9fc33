using Microsoft.IdentityModel.Protocols;

namespace Microneedling.BotFramework.Auth;

/// <summary>
/// Fetches OpenID metadata and key sets over HTTPS only, except that plain HTTP is allowed for loopback
/// hosts so tests can serve keys locally. <see cref="HttpDocumentRetriever.RequireHttps"/> is all or
/// nothing, and the jwks_uri comes from the (remote) metadata document, so each address is checked here.
/// </summary>
internal sealed class LoopbackAwareDocumentRetriever(HttpClient http) : IDocumentRetriever
{
    private readonly HttpDocumentRetriever _inner = new(http) { RequireHttps = false };

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!IsAllowed(address))
        {
            throw new ArgumentException("Metadata address must use https (http is allowed only for loopback hosts).", nameof(address));
        }

        return _inner.GetDocumentAsync(address, cancel);
    }

    internal static bool IsAllowed(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
