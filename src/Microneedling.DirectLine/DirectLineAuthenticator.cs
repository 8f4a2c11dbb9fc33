using System.Security.Cryptography;
using System.Text;
using Microneedling.DirectLine.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>
/// Reads <c>Authorization: Bearer</c> on every <c>/v3/directline</c> call as the service does (§4.1):
/// missing or not a bearer -> 401; a token that is not ours -> 403; an expired one -> 403 TokenExpired;
/// then applies the per-token rate limit (429).
/// </summary>
internal sealed class DirectLineAuthenticator(DirectLineTokenService tokens, IDirectLineRateLimiter limiter, IOptions<DirectLineOptions> options)
{
    private const string Scheme = "Bearer ";

    public async Task<(DirectLineCaller? Caller, IResult? Error)> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header[Scheme.Length..].Trim() is not { Length: > 0 } credential)
            return (null, DirectLineErrors.MissingAuthorization());
        if (IsLocalSecret(credential)) return (new DirectLineCaller(null, credential), null);
        return await AuthenticateTokenAsync(http, credential, DirectLineTokenPurpose.Conversation).ConfigureAwait(false);
    }

    /// <summary>Checks a token given outside the header (the <c>t=</c> of a streamUrl) and rate-limits its holder.</summary>
    public async Task<(DirectLineCaller? Caller, IResult? Error)> AuthenticateTokenAsync(HttpContext http, string credential, DirectLineTokenPurpose purpose)
    {
        var (token, failure) = await tokens.ValidateAsync(credential, purpose, http.RequestAborted).ConfigureAwait(false);
        if (failure == TokenValidationFailure.Expired) return (null, DirectLineErrors.TokenExpired());
        if (token is null) return (null, DirectLineErrors.InvalidToken());
        if (await limiter.TryAcquireAsync(token.Subject, http.RequestAborted).ConfigureAwait(false) is { } retryAfter)
            return (null, DirectLineErrors.TooManyRequests(http, retryAfter, "Too many requests for this conversation; retry later."));
        return (new DirectLineCaller(token, credential), null);
    }

    private bool IsLocalSecret(string credential) =>
        options.Value.LocalSecret is { Length: > 0 } secret
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(credential));
}
