using System.Collections.Concurrent;

namespace Microneedling.BotFramework.Connector;

/// <summary>
/// Where the bot may send replies (and with them its bearer token). In no-auth mode the SDK would
/// post to whatever serviceUrl an activity names, so this allow-list is ours:
/// <list type="bullet">
/// <item>local mode (no app id): loopback (the Emulator, a local channel) and configured hosts only;</item>
/// <item>with an app id: the Bot Framework and Teams hosts, configured hosts, and serviceUrls a
/// validated channel token vouched for (its <c>serviceurl</c> claim).</item>
/// </list>
/// Plain http only to loopback. The endpoint refuses an untrusted serviceUrl before the turn runs;
/// <see cref="ServiceUrlAllowListHandler"/> refuses it again on every outbound call.
/// </summary>
public sealed class TrustedServiceUrls
{
    private static readonly string[] BotFrameworkSuffixes =
    [
        ".botframework.com", ".botframework.azure.us", ".trafficmanager.net", ".teams.microsoft.com", ".teams.microsoft.us",
    ];

    private readonly HashSet<string> _configuredHosts;
    private readonly ConcurrentDictionary<string, byte> _vouched = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="configured">Extra trusted service URLs or host names (Connector:TrustedServiceUrls).</param>
    /// <param name="authEnabled">Whether an app id is configured (channel tokens are validated).</param>
    public TrustedServiceUrls(IEnumerable<string> configured, bool authEnabled)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _configuredHosts = configured
            .Select(c => Uri.TryCreate(c, UriKind.Absolute, out var u) ? u.Host : c.Trim())
            .Where(h => h.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        AuthEnabled = authEnabled;
    }

    public bool AuthEnabled { get; }

    /// <summary>Records a serviceUrl that a validated token's serviceurl claim matched (only kept with auth on).</summary>
    public void Vouch(string serviceUrl)
    {
        if (AuthEnabled && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) _vouched.TryAdd(uri.GetLeftPart(UriPartial.Authority), 0);
    }

    public bool IsTrusted(string? serviceUrl) => Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && IsTrusted(uri);

    public bool IsTrusted(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) return false;
        if (_configuredHosts.Contains(uri.Host) || _vouched.ContainsKey(uri.GetLeftPart(UriPartial.Authority))) return true;
        return AuthEnabled
            ? !uri.IsLoopback && BotFrameworkSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase))
            : uri.IsLoopback;
    }
}
