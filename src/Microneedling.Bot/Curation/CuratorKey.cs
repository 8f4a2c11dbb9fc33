using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.Curation;

/// <summary>
/// The configured curator key, compared in constant time: both sides are hashed (SHA-256) first, so
/// neither the comparison's time nor its length check says how much of a guess was right. The key
/// itself is never logged or echoed.
/// </summary>
internal sealed class CuratorKey(IOptions<CuratorPageOptions> options)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey ?? ""));

    /// <summary>Whether <paramref name="presented"/> is the key (never true when the page is off).</summary>
    public bool Matches(string? presented) =>
        options.Value.Enabled
        && presented is not null
        && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>
    /// A value derived from the key that a sign-in cookie carries: when the key is changed, every
    /// browser signed in with the old one is signed out.
    /// </summary>
    public string Fingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("microneedling-curator-sign-in\0" + (options.Value.ApiKey ?? ""))))[..32];
}
