using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Microneedling.BotFramework.Tests.Auth;

/// <summary>RSA keys and a token builder shared by the auth tests.</summary>
internal static class TestKeys
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string EmulatorV1Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorV2Issuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    public static readonly string[] ChannelEndorsements = ["msteams", "webchat", "emulator", "directline"];

    /// <summary>Published with endorsements, like the Bot Connector's keys.</summary>
    public static readonly RsaSecurityKey Endorsed = NewKey("endorsed-key");

    /// <summary>Published without endorsements, like Entra ID keys.</summary>
    public static readonly RsaSecurityKey Plain = NewKey("plain-key");

    /// <summary>Never published.</summary>
    public static readonly RsaSecurityKey Rogue = NewKey("rogue-key");

    /// <summary>Published only after a rotation.</summary>
    public static readonly RsaSecurityKey Rotated = NewKey("rotated-key");

    public static string CreateToken(
        SecurityKey? key,
        string issuer = ChannelIssuer,
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null,
        IDictionary<string, object>? claims = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Claims = claims ?? new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            SigningCredentials = key is null ? null : new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };
}
