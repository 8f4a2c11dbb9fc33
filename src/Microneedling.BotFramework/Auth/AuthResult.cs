using System.Security.Claims;

namespace Microneedling.BotFramework.Auth;

/// <summary>
/// Outcome of validating an inbound request. Validation never throws for bad input, so callers map a
/// failed result to 401 in one place; <see cref="Failure"/> is a short reason that is safe to log
/// (it never contains the token).
/// </summary>
public sealed record AuthResult(bool Succeeded, string? Failure, ClaimsIdentity? Identity)
{
    public static AuthResult Success(ClaimsIdentity identity) => new(true, null, identity);

    /// <summary>Authentication is off (no app id): the request is accepted with an unauthenticated identity.</summary>
    public static AuthResult Anonymous() => new(true, null, new ClaimsIdentity());

    public static AuthResult Fail(string reason) => new(false, reason, null);
}
