using System.Collections.Concurrent;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// How often each claim was answered in chat or inserted from Teams since the process started, for the
/// search extension's first page (Teams' <c>initialRun</c>). Counts only claim ids — never who asked or
/// what they typed — and only in memory: after a restart, until people ask again, the first page is the
/// configured suggestions and then the claims in content order.
/// </summary>
public sealed class AskedClaims
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string claimId)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        _counts.AddOrUpdate(claimId, 1, (_, n) => n + 1);
    }

    /// <summary>Every claim: the most asked first, then <paramref name="fallbackOrder"/> ids, then the rest in content order.</summary>
    public IEnumerable<Claim> MostAsked(ClaimSet claims, IReadOnlyList<string> fallbackOrder)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(fallbackOrder);
        var asked = _counts.ToArray()
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => claims.Find(c.Key));
        return asked.Concat(fallbackOrder.Select(claims.Find)).OfType<Claim>().Concat(claims.All).DistinctBy(c => c.Id);
    }
}
