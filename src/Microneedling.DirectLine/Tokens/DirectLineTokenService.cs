using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tokens;

/// <summary>
/// Issues and checks Direct Line tokens: compact JWTs signed with HS256. A JWT, because Web Chat
/// decodes the token and adopts its <c>user</c> claim as the user id (protocol detail §4.4, §6.2 #19);
/// signed, so the conversation and user it names cannot be changed by the holder.
/// </summary>
internal sealed class DirectLineTokenService(DirectLineSigningKey signingKey, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private const string Issuer = "microneedling-directline";
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");

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
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] signature, payloadBytes;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payloadBytes = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return (null, TokenValidationFailure.Invalid);
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, signature)) return (null, TokenValidationFailure.Invalid);

        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(payloadBytes, DirectLineTokenJsonContext.Default.TokenPayload);
        }
        catch (JsonException)
        {
            return (null, TokenValidationFailure.Invalid);
        }
        if (payload is null || payload.Iss != Issuer || payload.Conv is not { Length: > 0 } conv || payload.User is not { Length: > 0 } user)
            return (null, TokenValidationFailure.Invalid);
        if (!Enum.TryParse<DirectLineTokenPurpose>(payload.Purpose, ignoreCase: false, out var actual) || actual != purpose)
            return (null, TokenValidationFailure.Invalid);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.Exp);
        // Expired only after the signature checked out: 403 TokenExpired tells the client to get a new token (§4.1).
        if (expiresAt <= clock.GetUtcNow()) return (null, TokenValidationFailure.Expired);
        var until = payload.Until is { } u ? DateTimeOffset.FromUnixTimeSeconds(u) : (DateTimeOffset?)null;
        return (new DirectLineToken(conv, user, actual, expiresAt, until), TokenValidationFailure.None);
    }

    private static bool IsBase64UrlText(string part) =>
        part.Length > 0 && part.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');

    private async Task<string> IssueAsync(string conversationId, string userId, DirectLineTokenPurpose purpose, TimeSpan lifetime, CancellationToken cancellationToken, DateTimeOffset? until = null)
    {
        var now = clock.GetUtcNow();
        var payload = new TokenPayload
        {
            Iss = Issuer,
            Conv = conversationId,
            User = userId,
            Purpose = purpose.ToString(),
            Iat = now.ToUnixTimeSeconds(),
            Exp = (now + lifetime).ToUnixTimeSeconds(),
            Jti = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            Until = until?.ToUnixTimeSeconds(),
        };
        var signed = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, DirectLineTokenJsonContext.Default.TokenPayload));
        var key = await signingKey.GetAsync(cancellationToken).ConfigureAwait(false);
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    /// <summary>The JWT claims; <c>user</c> is the claim Web Chat and DirectLineJS read.</summary>
    internal sealed class TokenPayload
    {
        [JsonPropertyName("iss")] public string? Iss { get; set; }
        [JsonPropertyName("conv")] public string? Conv { get; set; }
        [JsonPropertyName("user")] public string? User { get; set; }
        [JsonPropertyName("purpose")] public string? Purpose { get; set; }
        [JsonPropertyName("iat")] public long Iat { get; set; }
        [JsonPropertyName("exp")] public long Exp { get; set; }
        [JsonPropertyName("jti")] public string? Jti { get; set; }
        [JsonPropertyName("until"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Until { get; set; }
    }
}

[JsonSerializable(typeof(DirectLineTokenService.TokenPayload))]
internal sealed partial class DirectLineTokenJsonContext : JsonSerializerContext;
