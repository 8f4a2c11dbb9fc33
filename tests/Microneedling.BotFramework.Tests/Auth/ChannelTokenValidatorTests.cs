using System.Text;
using Microneedling.BotFramework.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Microneedling.BotFramework.Tests.Auth;

public sealed class ChannelTokenValidatorTests(LoopbackKeyServer server) : IClassFixture<LoopbackKeyServer>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private ChannelTokenValidator CreateValidator(LoopbackKeyServer? keys = null, string? appId = TestKeys.AppId)
    {
        keys ??= server;
        return new ChannelTokenValidator(
            new BotAuthOptions
            {
                AppId = appId,
                ChannelOpenIdMetadataUrl = keys.ChannelMetadataUrl,
                EmulatorOpenIdMetadataUrl = keys.EmulatorMetadataUrl,
            },
            _http);
    }

    private Task<AuthResult> Validate(string? header, string? channelId = "msteams", string? serviceUrl = TestKeys.ServiceUrl) =>
        CreateValidator().ValidateAsync(header, channelId, serviceUrl, CancellationToken.None);

    private static void AssertRejected(AuthResult result, string reason)
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Identity);
        Assert.Equal(reason, result.Failure);
    }

    [Fact]
    public async Task Valid_channel_token_passes()
    {
        var result = await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed));

        Assert.True(result.Succeeded, result.Failure);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(TestKeys.ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
    }

    [Fact]
    public async Task Key_without_endorsements_passes_for_any_channel()
    {
        var result = await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Plain), channelId: "some-other-channel");

        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public async Task ServiceUrl_comparison_ignores_a_trailing_slash()
    {
        var result = await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed), serviceUrl: TestKeys.ServiceUrl.TrimEnd('/'));

        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public async Task Missing_header_is_rejected() => AssertRejected(await Validate(null), "missing Authorization header");

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer a b")]
    public async Task Header_that_is_not_bearer_is_rejected(string header) =>
        AssertRejected(await Validate(header), "Authorization header is not 'Bearer <token>'");

    [Theory]
    [InlineData("garbage")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.!!!.sig")]
    public async Task Garbage_token_is_rejected(string token) => AssertRejected(await Validate("Bearer " + token), "malformed token");

    [Fact]
    public async Task Expired_token_is_rejected()
    {
        var now = DateTime.UtcNow;
        var token = TestKeys.CreateToken(TestKeys.Endorsed, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10));

        AssertRejected(await Validate("Bearer " + token), "token expired");
    }

    [Fact]
    public async Task Token_expired_within_clock_skew_passes()
    {
        var now = DateTime.UtcNow;
        var token = TestKeys.CreateToken(TestKeys.Endorsed, notBefore: now.AddHours(-1), expires: now.AddMinutes(-2));

        Assert.True((await Validate("Bearer " + token)).Succeeded);
    }

    [Fact]
    public async Task Not_yet_valid_token_is_rejected()
    {
        var now = DateTime.UtcNow;
        var token = TestKeys.CreateToken(TestKeys.Endorsed, notBefore: now.AddMinutes(10), expires: now.AddHours(1));

        AssertRejected(await Validate("Bearer " + token), "token not yet valid");
    }

    [Fact]
    public async Task Wrong_audience_is_rejected() =>
        AssertRejected(await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed, audience: "another-bot")), "invalid audience");

    [Fact]
    public async Task Wrong_issuer_is_rejected() =>
        AssertRejected(await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed, issuer: "https://evil.example.com")), "invalid issuer");

    [Fact]
    public async Task Token_signed_with_unpublished_key_is_rejected() =>
        AssertRejected(await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Rogue)), "signing key not found");

    [Fact]
    public async Task Unsigned_alg_none_token_is_rejected()
    {
        var token = TestKeys.CreateToken(key: null);
        Assert.EndsWith(".", token, StringComparison.Ordinal);

        AssertRejected(await Validate("Bearer " + token), "token algorithm not allowed");
    }

    [Fact]
    public async Task Hmac_token_is_rejected()
    {
        // The classic confusion attack: an HMAC "signed" with a value the attacker chose, under a published kid.
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef")) { KeyId = TestKeys.Endorsed.KeyId };
        var token = TestKeys.CreateToken(key, algorithm: SecurityAlgorithms.HmacSha256);

        AssertRejected(await Validate("Bearer " + token), "token algorithm not allowed");
    }

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        var parts = TestKeys.CreateToken(TestKeys.Endorsed).Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(TestKeys.ServiceUrl, "https://attacker.example.com/", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        AssertRejected(await Validate("Bearer " + tampered, serviceUrl: "https://attacker.example.com/"), "invalid signature");
    }

    [Fact]
    public async Task ServiceUrl_mismatch_is_rejected() =>
        AssertRejected(
            await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed), serviceUrl: "https://attacker.example.com/"),
            "serviceurl claim does not match the activity's serviceUrl");

    [Fact]
    public async Task Missing_serviceurl_claim_is_rejected()
    {
        var token = TestKeys.CreateToken(TestKeys.Endorsed, claims: new Dictionary<string, object> { ["other"] = "x" });

        AssertRejected(await Validate("Bearer " + token), "serviceurl claim does not match the activity's serviceUrl");
    }

    [Fact]
    public async Task Channel_not_in_endorsements_is_rejected() =>
        AssertRejected(
            await Validate("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed), channelId: "slack"),
            "signing key is not endorsed for the channel");

    [Fact]
    public async Task Unknown_kid_refreshes_keys_once_after_rotation()
    {
        var rotating = new LoopbackKeyServer();
        await rotating.InitializeAsync();
        try
        {
            var validator = CreateValidator(rotating);
            Assert.True((await validator.ValidateAsync("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed), "msteams", TestKeys.ServiceUrl, default)).Succeeded);
            Assert.Equal(1, rotating.JwksFetches);

            rotating.PublishKeys((TestKeys.Rotated, TestKeys.ChannelEndorsements));
            var afterRotation = await validator.ValidateAsync("Bearer " + TestKeys.CreateToken(TestKeys.Rotated), "msteams", TestKeys.ServiceUrl, default);

            Assert.True(afterRotation.Succeeded, afterRotation.Failure);
            Assert.Equal(2, rotating.JwksFetches);

            // Known kids are served from the cache; the refresh is rate-limited, so a flood of unknown kids
            // does not turn into a flood of metadata requests.
            Assert.True((await validator.ValidateAsync("Bearer " + TestKeys.CreateToken(TestKeys.Rotated), "msteams", TestKeys.ServiceUrl, default)).Succeeded);
            AssertRejected(await validator.ValidateAsync("Bearer " + TestKeys.CreateToken(TestKeys.Rogue), "msteams", TestKeys.ServiceUrl, default), "signing key not found");
            Assert.Equal(2, rotating.JwksFetches);
        }
        finally
        {
            await rotating.DisposeAsync();
        }
    }

    [Fact]
    public async Task Emulator_v1_token_passes()
    {
        var token = TestKeys.CreateToken(
            TestKeys.Plain,
            issuer: TestKeys.EmulatorV1Issuer,
            claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestKeys.AppId });

        var result = await Validate("Bearer " + token, channelId: "emulator", serviceUrl: "http://localhost:5678");

        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public async Task Emulator_v2_token_passes()
    {
        var token = TestKeys.CreateToken(
            TestKeys.Plain,
            issuer: TestKeys.EmulatorV2Issuer,
            claims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = TestKeys.AppId });

        var result = await Validate("Bearer " + token, channelId: "emulator", serviceUrl: "http://localhost:5678");

        Assert.True(result.Succeeded, result.Failure);
    }

    [Theory]
    [InlineData("1.0", "azp")]
    [InlineData("2.0", "appid")]
    public async Task Emulator_token_with_app_id_in_the_wrong_claim_is_rejected(string version, string claim)
    {
        var token = TestKeys.CreateToken(
            TestKeys.Plain,
            issuer: TestKeys.EmulatorV1Issuer,
            claims: new Dictionary<string, object> { ["ver"] = version, [claim] = TestKeys.AppId });

        AssertRejected(await Validate("Bearer " + token, channelId: "emulator"), "emulator token app id does not match");
    }

    [Fact]
    public async Task Emulator_token_with_unknown_version_is_rejected()
    {
        var token = TestKeys.CreateToken(
            TestKeys.Plain,
            issuer: TestKeys.EmulatorV1Issuer,
            claims: new Dictionary<string, object> { ["ver"] = "3.0", ["azp"] = TestKeys.AppId });

        AssertRejected(await Validate("Bearer " + token, channelId: "emulator"), "unsupported emulator token version");
    }

    [Fact]
    public async Task Unreachable_metadata_is_a_failure_not_an_exception()
    {
        var validator = new ChannelTokenValidator(
            new BotAuthOptions { AppId = TestKeys.AppId, ChannelOpenIdMetadataUrl = new Uri("http://127.0.0.1:1/metadata") },
            _http);

        AssertRejected(
            await validator.ValidateAsync("Bearer " + TestKeys.CreateToken(TestKeys.Endorsed), "msteams", TestKeys.ServiceUrl, default),
            "OpenID metadata unavailable");
    }

    [Fact]
    public async Task Auth_disabled_accepts_a_request_without_a_header()
    {
        var result = await CreateValidator(appId: null).ValidateAsync(null, "emulator", "http://localhost:5678", default);

        Assert.True(result.Succeeded);
        Assert.NotNull(result.Identity);
        Assert.False(result.Identity.IsAuthenticated);
    }
}
