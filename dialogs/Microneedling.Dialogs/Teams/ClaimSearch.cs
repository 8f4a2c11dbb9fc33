using System.Text.RegularExpressions;
using Microneedling.Dialogs.Flows;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The claims a Teams search (the compose box's message extension) lists: with nothing typed, the most
/// asked; otherwise the engine's ranking (its answers, then its candidates) followed by the claims whose
/// own texts have every typed word — a search box gets a few words as they are typed ("needle len"),
/// which the engine, made for questions, may not rank at all.
/// </summary>
public sealed partial class ClaimSearch
{
    private readonly FactChecker _engine;
    private readonly AskedClaims _asked;
    private readonly DialogOptions _options;
    private readonly (Claim Claim, string[] Words)[] _index;

    public ClaimSearch(FactChecker engine, AskedClaims asked, DialogOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _asked = asked;
        _options = options;
        _index = [.. engine.Claims.All.Select(c => (c, Words(string.Join(' ', [c.Statement, .. c.Phrasings, .. c.Keywords])).Distinct().Order(StringComparer.Ordinal).ToArray()))];
    }

    /// <summary>Up to <paramref name="count"/> claims after the first <paramref name="skip"/>, best first.</summary>
    public async Task<IReadOnlyList<Claim>> SearchAsync(string? query, int skip, int count, CancellationToken cancellationToken)
    {
        var text = UserText.Clean(query);
        var ranked = text.Length == 0
            ? _asked.MostAsked(_engine.Claims, _options.SuggestedClaimIdsOrDefault)
            : await RankedAsync(text, cancellationToken).ConfigureAwait(false);
        return [.. ranked.Skip(Math.Max(0, skip)).Take(Math.Max(0, count))];
    }

    private async Task<IEnumerable<Claim>> RankedAsync(string text, CancellationToken cancellationToken)
    {
        var result = await _engine.CheckAsync(text, cancellationToken).ConfigureAwait(false);
        var words = Words(text).ToArray();
        var typed = _index.Where(entry => HasEvery(entry.Words, words)).Select(entry => entry.Claim);
        // When the engine abstains, its candidates are only the least unlikely claims, not results; the
        // typed words still count.
        var ranked = result.Confidence == MatchConfidence.None ? result.Matches : result.Matches.Concat(result.Candidates);
        return ranked.Select(m => m.Claim).Concat(typed).DistinctBy(c => c.Id);
    }

    /// <summary>Every typed word starts a word of the claim's texts (the last one may be half typed).</summary>
    private static bool HasEvery(string[] claimWords, string[] typed)
    {
        if (typed.Length == 0) return false;
        foreach (var word in typed)
        {
            var at = Array.BinarySearch(claimWords, word, StringComparer.Ordinal);
            if (at < 0) at = ~at;
            if (at >= claimWords.Length || !claimWords[at].StartsWith(word, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
