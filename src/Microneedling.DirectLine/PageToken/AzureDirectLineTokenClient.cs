using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microneedling.DirectLine.Tokens;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.PageToken;

/// <summary>
/// Azure mode: exchanges the configured Direct Line secret for a conversation token at the Azure
/// service (<c>POST {Endpoint}/tokens/generate</c> with <c>Authorization: Bearer secret</c>, §4.2 #1),
/// so the secret stays on the server.
/// </summary>
internal sealed class AzureDirectLineTokenClient(HttpClient http, IOptions<DirectLineOptions> options)
{
    public async Task<PageTokenResponse> GenerateAsync(CancellationToken cancellationToken)
    {
        var endpoint = options.Value.Endpoint.ToString().TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/tokens/generate")
        {
            // A dl_ user id embedded in the token: with enhanced authentication the service then
            // forces it as from.id, and Web Chat adopts it (§4.4).
            Content = JsonContent.Create(new { user = new { id = DirectLineIds.NewUserId() } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Secret);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Direct Line tokens/generate answered {(int)response.StatusCode}.", null, response.StatusCode);
        // Anything but JSON is not the service (a proxy's or captive portal's page): a gateway failure.
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            throw new HttpRequestException("Direct Line tokens/generate answered a content type that is not JSON.");
        TokenResponse? token;
        try
        {
            token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // InvalidOperationException: an unknown charset in the content type.
            throw new HttpRequestException("Direct Line tokens/generate answered something that is not a token.", ex);
        }
        if (token is not { Token.Length: > 0, ConversationId.Length: > 0 })
            throw new HttpRequestException("Direct Line tokens/generate answered without a token.");
        return new PageTokenResponse(token.Token, token.ConversationId, token.ExpiresIn, endpoint);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's timeout, not the page going away: Azure is too slow, a gateway failure (502).
            throw new HttpRequestException("Direct Line tokens/generate did not answer in time.", ex);
        }
    }
}
