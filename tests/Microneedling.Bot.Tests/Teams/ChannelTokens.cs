using System.Collections;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// Bot Connector channel tokens signed with a test key, and the SDK made to find that key: the
/// OpenID metadata and its keys (with the key's endorsements, ["msteams"]) are served from memory at
/// <see cref="MetadataUrl"/>. The SDK caches one configuration manager per metadata URL in static
/// fields of <see cref="JwtTokenExtractor"/> and fetches HTTPS only; the test puts its managers there,
/// built on an in-memory HTTP handler — the network edge, faked; the SDK's validation runs as is.
/// </summary>
internal static class ChannelTokens
{
    public const string MetadataUrl = "https://login.teams-tests.invalid/v1/.well-known/openidconfiguration";
    private const string KeysUrl = "https://login.teams-tests.invalid/v1/keys";
    private const string KeyId = "teams-tests-key";

    private static readonly RSA Key = RSA.Create(2048);
    private static readonly Lazy<bool> Installed = new(Install);

    /// <summary>A token as the Bot Connector issues it for Teams: for <paramref name="appId"/>, vouching for <paramref name="serviceUrl"/>.</summary>
    public static string For(string appId, string serviceUrl)
    {
        _ = Installed.Value;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthenticationConstants.ToBotFromChannelTokenIssuer,
            Audience = appId,
            Claims = new Dictionary<string, object> { [AuthenticationConstants.ServiceUrlClaim] = serviceUrl },
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(Key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private static bool Install()
    {
        var parameters = Key.ExportParameters(false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        };
        var metadata = new JsonObject
        {
            ["issuer"] = AuthenticationConstants.ToBotFromChannelTokenIssuer,
            ["jwks_uri"] = KeysUrl,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        };
        var http = new HttpClient(new Documents(new Dictionary<string, string> { [MetadataUrl] = metadata.ToJsonString(), [KeysUrl] = jwks.ToJsonString() }));

        var openId = new ConfigurationManager<OpenIdConnectConfiguration>(MetadataUrl, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http));
        Put("_openIdMetadataCache", openId);
        var endorsementsField = typeof(JwtTokenExtractor).GetField("_endorsementsCache", BindingFlags.NonPublic | BindingFlags.Static)!;
        var managerType = endorsementsField.FieldType.GetGenericArguments()[1];
        var retriever = new EndorsementsRetriever(http);
        var endorsements = Activator.CreateInstance(managerType, MetadataUrl, retriever, retriever)!;
        Put("_endorsementsCache", endorsements);
        return true;
    }

    private static void Put(string fieldName, object manager)
    {
        var field = typeof(JwtTokenExtractor).GetField(fieldName, BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingFieldException(nameof(JwtTokenExtractor), fieldName);
        var cache = (IDictionary)field.GetValue(null)!;
        cache[MetadataUrl] = manager;
    }

    /// <summary>Serves the two documents; anything else is a 404.</summary>
    private sealed class Documents(Dictionary<string, string> documents) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(documents.TryGetValue(request.RequestUri!.AbsoluteUri, out var json)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
