using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace Microneedling.BotFramework.Connector;

/// <summary>
/// The SDK's <see cref="BotFrameworkAuthentication"/> with its Connector and user-token clients kept
/// and shared between turns. The CloudAdapter creates (and disposes) both for every turn, and
/// each creation builds the SDK's user-agent string with fresh regular expressions and new JSON
/// contract resolvers: measured, that was about a fifth of a turn's CPU under load. Clients are kept
/// per app id and serviceUrl (bounded, for ten idle minutes); the adapter's dispose of a turn's
/// client leaves the shared one open. Authentication itself is the inner instance's, unchanged.
/// </summary>
public sealed class SharedBotClients(BotFrameworkAuthentication inner) : BotFrameworkAuthentication, IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _clients = new(new MemoryCacheOptions { SizeLimit = 256 });

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = new SharedConnectorFactory(result.ConnectorFactory, AppIdOf(result.ClaimsIdentity), _clients);
        return result;
    }

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedConnectorFactory(inner.CreateConnectorFactory(claimsIdentity), AppIdOf(claimsIdentity), _clients);

    public override async Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
    {
        var key = "token|" + AppIdOf(claimsIdentity);
        if (_clients.TryGetValue(key, out UserTokenClient? shared)) return new KeptUserTokenClient(shared!);
        var created = await inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken).ConfigureAwait(false);
        return new KeptUserTokenClient(Keep(_clients, key, created));
    }

    public override Microsoft.Bot.Builder.Skills.BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public void Dispose() => _clients.Dispose();

    // Who the outbound calls are made as: the app id the SDK reads from the identity (audience, else appid).
    private static string AppIdOf(ClaimsIdentity? identity) =>
        identity?.FindFirst(AuthenticationConstants.AudienceClaim)?.Value ?? identity?.FindFirst(AuthenticationConstants.AppIdClaim)?.Value ?? "";

    private static T Keep<T>(MemoryCache cache, string key, T client)
        where T : IDisposable
    {
        var options = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle };
        options.RegisterPostEvictionCallback((_, value, _, _) => (value as IDisposable)?.Dispose());
        return cache.Set(key, client, options);
    }

    private sealed class SharedConnectorFactory(ConnectorFactory inner, string appId, MemoryCache clients) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var key = $"connector|{appId}|{audience}|{serviceUrl}";
            if (clients.TryGetValue(key, out IConnectorClient? shared)) return new KeptConnectorClient(shared!);
            var created = await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            return new KeptConnectorClient(Keep(clients, key, created));
        }
    }

    /// <summary>A turn's view of a shared Connector client: disposing it leaves the shared one open.</summary>
    private sealed class KeptConnectorClient(IConnectorClient shared) : IConnectorClient
    {
        public Uri BaseUri
        {
            get => shared.BaseUri;
            set => shared.BaseUri = value;
        }

        public JsonSerializerSettings SerializationSettings => shared.SerializationSettings;

        public JsonSerializerSettings DeserializationSettings => shared.DeserializationSettings;

        public ServiceClientCredentials Credentials => shared.Credentials;

        public IAttachments Attachments => shared.Attachments;

        public IConversations Conversations => shared.Conversations;

        public void Dispose()
        {
        }
    }

    /// <summary>A turn's view of a shared user-token client: disposing it leaves the shared one open.</summary>
    private sealed class KeptUserTokenClient(UserTokenClient shared) : UserTokenClient
    {
        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            shared.GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            shared.GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            shared.SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            shared.GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            shared.GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            shared.ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        // Only this view is disposed; the shared client stays open for the next turn.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
