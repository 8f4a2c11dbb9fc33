using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microneedling.DirectLine.Tokens;

/// <summary>
/// Issues and checks Direct Line tokens: compact JWTs signed with HS256 by
/// <see cref="JsonWebTokenHandler"/>. A JWT, because Web Chat decodes the token and adopts its
/// <c>user</c> claim as the user id (protocol detail §4.4, §6.2 #19); signed, so the conversation and
/// user it names cannot be changed by the holder. Times come from the host's <see cref="TimeProvider"/>
/// (expiry is checked against it, not the machine clock, so tests can move time).
/// </summary>
internal sealed class DirectLineTokenService(DirectLineSigningKey signingKey, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private const string Issuer = "microneedling-directline";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A conversation token for REST calls (generate, refresh, start, activities).</summary>
    public Task<string> IssueAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        IssueAsync(conversationId, userId, DirectLineTokenPurpose.Conversation, options.Value.TokenLifetime, cancellationToken);

    /// <summary>The short-lived credential carried in a streamUrl (browsers cannot set headers on a WebSocket).</summary>
    /// <paramref name="until"/> is when the conversation token it goes with expires: the socket closes then.
    public Task<string> IssueStreamAsync(string conversationId, string userId, DateTimeOffset until, CancellationToken cancellationToken) =>
        IssueAsync(conversationId, userId, DirectLineTokenPurpose.Stream, options.Value.StreamUrlLifetime, cancellationToken, until);

    public async Task<(DirectLineToken? Token, TokenValidationFailure Failure)> ValidateAsync(string token, DirectLineTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var parts = token.Split('.');
        // Base64Url decoding skips whitespace (and takes padding): only the exact issued spelling is a token.
        if (parts.Length != 3 || !parts.All(IsBase64UrlText)) return (null, TokenValidationFailure.Invalid);
        var key = await signingKey.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            // Lifetime is checked below against the host's clock.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) return (null, TokenValidationFailure.Invalid);
        if (Claim(jwt, "conv") is not { Length: > 0 } conv || Claim(jwt, "user") is not { Length: > 0 } user)
            return (null, TokenValidationFailure.Invalid);
        if (!Enum.TryParse<DirectLineTokenPurpose>(Claim(jwt, "purpose"), ignoreCase: false, out var actual) || actual != purpose)
            return (null, TokenValidationFailure.Invalid);
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        // Expired only after the signature checked out: 403 TokenExpired tells the client to get a new token (§4.1).
        if (expiresAt <= clock.GetUtcNow()) return (null, TokenValidationFailure.Expired);
        var until = jwt.TryGetPayloadValue<long>("until", out var u) ? DateTimeOffset.FromUnixTimeSeconds(u) : (DateTimeOffset?)null;
        return (new DirectLineToken(conv, user, actual, expiresAt, until), TokenValidationFailure.None);
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static bool IsBase64UrlText(string part) =>
        part.Length > 0 && part.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');

    private async Task<string> IssueAsync(string conversationId, string userId, DirectLineTokenPurpose purpose, TimeSpan lifetime, CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["conv"] = conversationId,
            ["user"] = userId,
            ["purpose"] = purpose.ToString(),
            ["jti"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
        };
        if (until is { } end) claims["until"] = end.ToUnixTimeSeconds();
        var key = await signingKey.GetAsync(cancellationToken).ConfigureAwait(false);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
