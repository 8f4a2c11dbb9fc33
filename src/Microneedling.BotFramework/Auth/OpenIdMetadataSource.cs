using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Microneedling.BotFramework.Auth;

/// <summary>
/// Cached OpenID metadata and signing keys for one issuer. Keys roll, so a token whose kid is unknown
/// triggers one refresh; refreshes are rate-limited (ConfigurationManager.RefreshInterval, 5 minutes)
/// so a flood of tokens with made-up kids cannot turn into a flood of metadata requests.
/// </summary>
internal sealed class OpenIdMetadataSource
{
    /// <summary>
    /// IdentityModel 8 refreshes in the background after <see cref="ConfigurationManager{T}.RequestRefresh"/>;
    /// the request that saw the unknown kid waits this long for the new keys rather than failing.
    /// </summary>
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private long _lastForcedRefreshTicks;

    public OpenIdMetadataSource(Uri metadataUrl, IDocumentRetriever retriever) =>
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);

    /// <summary>The current metadata, refreshed once first if it does not contain <paramref name="kid"/>.</summary>
    public async Task<OpenIdConnectConfiguration> GetAsync(string? kid, CancellationToken ct)
    {
        var current = await _manager.GetConfigurationAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(kid) || HasKey(current, kid) || !TryStartForcedRefresh())
        {
            return current;
        }

        _manager.RequestRefresh();
        var deadline = DateTime.UtcNow + RefreshWait;
        var latest = current;
        while (ReferenceEquals(latest, current) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            latest = await _manager.GetConfigurationAsync(ct).ConfigureAwait(false);
        }

        return latest;
    }

    public static bool HasKey(OpenIdConnectConfiguration config, string kid) =>
        config.JsonWebKeySet?.Keys.Any(k => string.Equals(k.Kid, kid, StringComparison.Ordinal)) == true
        || config.SigningKeys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));

    private bool TryStartForcedRefresh()
    {
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastForcedRefreshTicks);
        if (last != 0 && now - last < _manager.RefreshInterval.Ticks)
        {
            return false;
        }

        // Only one caller wins the slot; concurrent callers with the same unknown kid fail fast.
        return Interlocked.CompareExchange(ref _lastForcedRefreshTicks, now, last) == last;
    }
}
