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
    /// <summary>Per claim, the sorted words of each of its texts (the statement first, then phrasings and keywords).</summary>
    private readonly (Claim Claim, string[][] Texts, string[] All)[] _index;

    public ClaimSearch(FactChecker engine, AskedClaims asked, DialogOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _asked = asked;
        _options = options;
        _index = [.. engine.Claims.All.Select(c =>
        {
            var texts = new[] { c.Statement }.Concat(c.Phrasings).Concat(c.Keywords).Select(t => Words(t).Distinct().Order(StringComparer.Ordinal).ToArray()).ToArray();
            return (c, texts, texts.SelectMany(t => t).Distinct().Order(StringComparer.Ordinal).ToArray());
        })];
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
        // Claims whose statement has every typed word first, then by how many of their phrasings have them all.
        var typed = _index
            .Select(entry => (entry.Claim, Score: Score(entry.Texts, entry.All, words)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Claim);
        // When the engine abstains, its candidates are only the least unlikely claims, not results; the
        // typed words still count.
        var ranked = result.Confidence == MatchConfidence.None ? result.Matches : result.Matches.Concat(result.Candidates);
        return ranked.Select(m => m.Claim).Concat(typed).DistinctBy(c => c.Id);
    }

    private static int Score(string[][] texts, string[] all, string[] typed)
    {
        if (typed.Length == 0) return 0;
        var score = 0;
        for (var i = 0; i < texts.Length; i++)
            if (HasEvery(texts[i], typed)) score += i == 0 ? texts.Length : 1;
        // A claim whose words are spread over several of its texts still counts, below the others.
        return score > 0 ? score + 1 : HasEvery(all, typed) ? 1 : 0;
    }

    /// <summary>Every typed word starts a word of the text (the last one may be half typed).</summary>
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
