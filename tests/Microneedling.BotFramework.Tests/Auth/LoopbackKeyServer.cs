using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Microneedling.BotFramework.Tests.Auth;

/// <summary>
/// Serves OpenID metadata and a JWKS on 127.0.0.1 so the validator fetches keys exactly as it would
/// from login.botframework.com. The published key set can be swapped to simulate key rotation.
/// </summary>
public sealed class LoopbackKeyServer : IAsyncLifetime
{
    private WebApplication? _app;
    private volatile string _jwks = BuildJwks((TestKeys.Endorsed, TestKeys.ChannelEndorsements), (TestKeys.Plain, null));
    private int _jwksFetches;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Uri ChannelMetadataUrl => new(BaseAddress, "channel/.well-known/openidconfiguration");

    public Uri EmulatorMetadataUrl => new(BaseAddress, "emulator/v2.0/.well-known/openid-configuration");

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    internal void PublishKeys(params (RsaSecurityKey Key, string[]? Endorsements)[] keys) => _jwks = BuildJwks(keys);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/channel/.well-known/openidconfiguration", () => Metadata(TestKeys.ChannelIssuer));
        _app.MapGet("/emulator/v2.0/.well-known/openid-configuration", () => Metadata(TestKeys.EmulatorV2Issuer));
        _app.MapGet("/keys", () =>
        {
            Interlocked.Increment(ref _jwksFetches);
            return Results.Text(_jwks, "application/json");
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First().TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private IResult Metadata(string issuer) => Results.Text(
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = new Uri(BaseAddress, "keys").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }),
        "application/json");

    private static string BuildJwks(params (RsaSecurityKey Key, string[]? Endorsements)[] keys) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["keys"] = keys.Select(k =>
            {
                var p = k.Key.Rsa.ExportParameters(false);
                var jwk = new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = k.Key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus!),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent!),
                };
                if (k.Endorsements is not null)
                {
                    jwk["endorsements"] = k.Endorsements;
                }

                return jwk;
            }).ToArray(),
        });
}
