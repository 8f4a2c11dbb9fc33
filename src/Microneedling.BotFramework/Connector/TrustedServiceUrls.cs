using System.Collections.Concurrent;

namespace Microneedling.BotFramework.Connector;

/// <summary>
/// Where the bot may send replies (and with them its bearer token): the Bot Framework and Teams
/// hosts, hosts configured by the operator, and serviceUrls vouched for by a validated channel
/// token. An unauthenticated request cannot make the bot post its token to a URL of its choosing.
/// </summary>
public sealed class TrustedServiceUrls
{
    private static readonly string[] BuiltInSuffixes =
    [
        ".botframework.com", ".botframework.azure.us", ".trafficmanager.net", ".teams.microsoft.com", ".teams.microsoft.us",
    ];

    private readonly HashSet<string> _configuredHosts;
    private readonly ConcurrentDictionary<string, byte> _vouched = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="configured">Extra trusted service URLs or host names (Connector:TrustedServiceUrls).</param>
    /// <param name="allowLoopback">Local mode: the Emulator's serviceUrl is on localhost.</param>
    public TrustedServiceUrls(IEnumerable<string> configured, bool allowLoopback)
    {
        _configuredHosts = configured
            .Select(c => Uri.TryCreate(c, UriKind.Absolute, out var u) ? u.Host : c.Trim())
            .Where(h => h.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        AllowLoopback = allowLoopback;
    }

    public bool AllowLoopback { get; }

    /// <summary>Records a serviceUrl that a validated token's serviceurl claim matched.</summary>
    public void Vouch(string serviceUrl)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) _vouched.TryAdd(uri.GetLeftPart(UriPartial.Authority), 0);
    }

    public bool IsTrusted(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) return false;
        if (uri.IsLoopback) return AllowLoopback || _configuredHosts.Contains(uri.Host) || _vouched.ContainsKey(uri.GetLeftPart(UriPartial.Authority));
        return _configuredHosts.Contains(uri.Host)
               || _vouched.ContainsKey(uri.GetLeftPart(UriPartial.Authority))
               || BuiltInSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
