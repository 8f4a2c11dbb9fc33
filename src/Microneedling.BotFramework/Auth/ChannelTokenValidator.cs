using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Microneedling.BotFramework.Auth;

/// <summary>
/// Validates the bearer token on requests to the messaging endpoint, as Bot Builder's
/// JwtTokenValidation does for channel (Bot Connector) and Emulator tokens. Skill (bot-to-bot) tokens
/// are not supported. Every failure becomes an <see cref="AuthResult"/>; nothing is thrown for bad input.
/// </summary>
public sealed class ChannelTokenValidator
{
    /// <summary>Only RSA signatures: "none" and HMAC would let anyone who knows the app id mint tokens.</summary>
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotAuthOptions _options;
    private readonly OpenIdMetadataSource _channelMetadata;
    private readonly OpenIdMetadataSource _emulatorMetadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public ChannelTokenValidator(BotAuthOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        var retriever = new LoopbackAwareDocumentRetriever(http);
        _channelMetadata = new OpenIdMetadataSource(options.ChannelOpenIdMetadataUrl, retriever);
        _emulatorMetadata = new OpenIdMetadataSource(options.EmulatorOpenIdMetadataUrl, retriever);
    }

    /// <param name="authorizationHeader">The raw Authorization header value.</param>
    /// <param name="channelId">The activity's channelId, checked against the signing key's endorsements.</param>
    /// <param name="serviceUrl">The activity's serviceUrl, checked against the token's serviceurl claim.</param>
    /// <param name="ct">Cancels a metadata fetch; cancellation is the only exception this method lets through.</param>
    public async Task<AuthResult> ValidateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken ct)
    {
        if (!_options.IsAuthEnabled)
        {
            return AuthResult.Anonymous();
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return AuthResult.Fail("missing Authorization header");
        }

        var parts = authorizationHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Fail("Authorization header is not 'Bearer <token>'");
        }

        var jwt = parts[1];
        JsonWebToken unvalidated;
        try
        {
            unvalidated = _handler.ReadJsonWebToken(jwt);
        }
        catch (ArgumentException)
        {
            return AuthResult.Fail("malformed token");
        }
        catch (SecurityTokenException)
        {
            return AuthResult.Fail("malformed token");
        }

        if (!AllowedAlgorithms.Contains(unvalidated.Alg, StringComparer.Ordinal))
        {
            return AuthResult.Fail("token algorithm not allowed");
        }

        var isEmulator = _options.EmulatorIssuers.Contains(unvalidated.Issuer, StringComparer.Ordinal);
        try
        {
            return isEmulator
                ? await ValidateEmulatorAsync(jwt, unvalidated, ct).ConfigureAwait(false)
                : await ValidateChannelAsync(jwt, unvalidated, channelId, serviceUrl, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The contract is "never throws for bad input": any library failure is a rejection.
        catch (Exception)
#pragma warning restore CA1031
        {
            return AuthResult.Fail("token validation error");
        }
    }

    private async Task<AuthResult> ValidateChannelAsync(string jwt, JsonWebToken unvalidated, string? channelId, string? serviceUrl, CancellationToken ct)
    {
        var (config, failure) = await GetConfigurationForAsync(_channelMetadata, unvalidated.Kid, ct).ConfigureAwait(false);
        if (config is null)
        {
            return AuthResult.Fail(failure!);
        }

        var (result, token) = await ValidateSignedTokenAsync(jwt, config, [_options.ChannelIssuer]).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result;
        }

        // Bot Builder skips the endorsement check when the activity carries no channelId.
        if (!string.IsNullOrEmpty(channelId))
        {
            var endorsements = ReadEndorsements(config, token!.Kid ?? token.SigningKey?.KeyId);
            if (endorsements is { Count: > 0 } && !endorsements.Contains(channelId, StringComparer.Ordinal))
            {
                return AuthResult.Fail("signing key is not endorsed for the channel");
            }
        }

        // The serviceurl claim binds the token to the endpoint replies go to; without it a stolen token
        // could direct the bot's outbound (authenticated) calls elsewhere.
        if (!string.IsNullOrEmpty(serviceUrl))
        {
            var claim = token!.TryGetPayloadValue<string>("serviceurl", out var value) ? value : null;
            if (string.IsNullOrEmpty(claim) || !string.Equals(claim.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.Ordinal))
            {
                return AuthResult.Fail("serviceurl claim does not match the activity's serviceUrl");
            }
        }

        return result;
    }

    private async Task<AuthResult> ValidateEmulatorAsync(string jwt, JsonWebToken unvalidated, CancellationToken ct)
    {
        var (config, failure) = await GetConfigurationForAsync(_emulatorMetadata, unvalidated.Kid, ct).ConfigureAwait(false);
        if (config is null)
        {
            return AuthResult.Fail(failure!);
        }

        var (result, token) = await ValidateSignedTokenAsync(jwt, config, [.. _options.EmulatorIssuers]).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result;
        }

        // The Emulator obtains a token for the bot's own app id; which claim carries it depends on the AAD token version.
        var version = token!.TryGetPayloadValue<string>("ver", out var ver) ? ver : null;
        var appIdClaim = version switch
        {
            null or "" or "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null)
        {
            return AuthResult.Fail("unsupported emulator token version");
        }

        var appId = token.TryGetPayloadValue<string>(appIdClaim, out var id) ? id : null;
        return string.Equals(appId, _options.AppId, StringComparison.Ordinal)
            ? result
            : AuthResult.Fail("emulator token app id does not match");
    }

    /// <summary>Gets cached metadata (refreshed once when the kid is unknown); failures become a reason.</summary>
    private static async Task<(OpenIdConnectConfiguration? Config, string? Failure)> GetConfigurationForAsync(
        OpenIdMetadataSource source, string? kid, CancellationToken ct)
    {
        OpenIdConnectConfiguration config;
        try
        {
            config = await source.GetAsync(kid, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Network and parse failures of the metadata are reported, not thrown.
        catch (Exception)
#pragma warning restore CA1031
        {
            return (null, "OpenID metadata unavailable");
        }

        return !string.IsNullOrEmpty(kid) && !OpenIdMetadataSource.HasKey(config, kid)
            ? (null, "signing key not found")
            : (config, null);
    }

    private async Task<(AuthResult Result, JsonWebToken? Token)> ValidateSignedTokenAsync(string jwt, OpenIdConnectConfiguration config, string[] issuers)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidAudience = _options.AppId,
            IssuerSigningKeys = config.SigningKeys,
            ValidAlgorithms = AllowedAlgorithms,
            ClockSkew = _options.ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
        };
        var validation = await _handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return (AuthResult.Fail(Describe(validation.Exception)), null);
        }

        var identity = validation.ClaimsIdentity ?? new ClaimsIdentity(validation.Claims.Select(c => new Claim(c.Key, c.Value?.ToString() ?? string.Empty)), "Bearer");
        return (AuthResult.Success(identity), validation.SecurityToken as JsonWebToken);
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidAudienceException => "invalid audience",
        SecurityTokenInvalidIssuerException => "invalid issuer",
        SecurityTokenInvalidAlgorithmException => "token algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "signing key not found",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException => "malformed token",
        _ => "token validation failed",
    };

    /// <summary>
    /// The Bot Framework JWKS adds a non-standard "endorsements" array to each key (the channels the key
    /// may sign for); JsonWebKey keeps unknown members in AdditionalData. Null when the key has none.
    /// </summary>
    private static List<string>? ReadEndorsements(OpenIdConnectConfiguration config, string? kid)
    {
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return null;
        }

        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } element => [.. element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            string single => [single],
            IEnumerable<string> strings => [.. strings],
            System.Collections.IEnumerable items => [.. items.Cast<object?>().Select(o => o?.ToString()).OfType<string>()],
            _ => [],
        };
    }
}
