using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.Curation;

/// <summary>
/// Authenticates a request that carries the curator key as <c>Authorization: Bearer KEY</c> or
/// <c>X-Api-Key: KEY</c> (scripts, the JSON endpoint). No key: no result, so the browser's sign-in
/// cookie is asked instead (<see cref="CuratorAuthentication"/>); a wrong key fails, and the challenge
/// answers 401 problem details saying how to send it. The key is never written to a log.
/// </summary>
internal sealed class CuratorKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CuratorKey key,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ApiKeyHeader = "X-Api-Key";

    private const string WrongKey = "The curator key is not right.";

    /// <summary>Whether the request presents a key in a header (then this scheme, not the cookie, decides).</summary>
    public static bool PresentsKey(HttpRequest request) =>
        request.Headers.ContainsKey(ApiKeyHeader) || request.Headers.Authorization.Count > 0;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!PresentsKey(Request)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!key.Matches(Presented(Request))) return Task.FromResult(AuthenticateResult.Fail(WrongKey));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "curator")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.Headers.WWWAuthenticate = "Bearer realm=\"curation\"";
        await CuratorAuthentication.WriteUnauthorizedAsync(problems, Context, result.Failure is null ? null : WrongKey).ConfigureAwait(false);
    }

    // One header with one value; several, or an Authorization scheme other than Bearer, are not a key.
    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKeyHeader, out var apiKey))
            return apiKey.Count == 1 && request.Headers.Authorization.Count == 0 ? apiKey[0] : null;
        var authorization = request.Headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value) return null;
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : null;
    }
}
