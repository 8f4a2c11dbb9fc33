namespace Microneedling.FactCheck.Text;

/// <summary>
/// Corrects a misspelt word to a known one within a small edit distance ("dermarollr" -> "dermaroller",
/// "ofen" -> "often"), and splits glued words ("hairloss" -> "hair loss"). Lookup uses
/// single-deletion keys on both sides (the SymSpell idea), so it never scans the vocabulary.
/// </summary>
public sealed class SpellingCorrector
{
    /// <summary>Words shorter than this are never corrected: too many real short words are one edit apart.</summary>
    public const int MinLength = 4;

    private readonly Dictionary<string, int> _known;
    private readonly Dictionary<string, List<string>> _byDeletion = new(StringComparer.Ordinal);
    private readonly HashSet<string> _english = new(StringComparer.Ordinal);

    /// <param name="known">Every known word with a popularity count (ties go to the more common word): what a misspelling is corrected to.</param>
    /// <param name="english">
    /// Real words that are never corrected, though nothing is corrected to them: "mouth" is not a
    /// misspelt "month", nor "selling" a misspelt "swelling". Their regular inflections count too
    /// ("swells", "injections", "scared" when "swell", "injection", "scare" are listed).
    /// </param>
    public SpellingCorrector(IReadOnlyDictionary<string, int> known, IEnumerable<string>? english = null)
    {
        foreach (var word in english ?? [])
            if (word.All(char.IsAsciiLetterLower)) _english.Add(word);
        _known = new Dictionary<string, int>(known, StringComparer.Ordinal);
        foreach (var word in _known.Keys)
        {
            if (word.Length < MinLength - 1) continue;
            AddKey(word, word);
            foreach (var key in Deletions(word)) AddKey(key, word);
        }
    }

    public bool IsKnown(string word) => _known.ContainsKey(word);

    /// <summary>The corrected word(s) for <paramref name="word"/>, or null when it is known or nothing is close.</summary>
    public string[]? Correct(string word)
    {
        if (word.Length < MinLength || _known.ContainsKey(word) || !word.All(char.IsAsciiLetter) || IsEnglish(word)) return null;
        var maxDistance = word.Length >= 7 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestCount = -1;
        foreach (var key in Deletions(word).Append(word))
        {
            if (!_byDeletion.TryGetValue(key, out var words)) continue;
            foreach (var candidate in words)
            {
                var d = EditDistance.Bounded(word, candidate, maxDistance);
                if (d > maxDistance) continue;
                // The first letter is rarely the one people get wrong, and a first-letter change often
                // makes another real word ("looking" -> "booking"): allow it only in long words.
                if (candidate[0] != word[0] && (d > 1 || word.Length < 8)) continue;
                if (d > maxDistance) continue;
                var count = _known[candidate];
                if (d < bestDistance || (d == bestDistance && (count > bestCount || (count == bestCount && string.CompareOrdinal(candidate, best) < 0))))
                {
                    best = candidate;
                    bestDistance = d;
                    bestCount = count;
                }
            }
        }
        if (best is not null) return [best];
        return Split(word);
    }

    /// <summary>
    /// A listed word, or a regular inflection of one. Not by stem: a stemmer maps misspellings onto real
    /// stems too ("roler" and "role", "skinn" and "skinner").
    /// </summary>
    private bool IsEnglish(string word) =>
        _english.Count > 0 && Uninflected(word).Any(w => (w.Length >= 3 || w == word) && _english.Contains(w))
        // "realy" is "real" + y, but more likely "really" with an l lost.
        && !(word.EndsWith("ly", StringComparison.Ordinal) && _english.Contains(word[..^1] + "ly"));

    private static IEnumerable<string> Uninflected(string word)
    {
        yield return word;
        if (word.EndsWith("ies", StringComparison.Ordinal)) yield return word[..^3] + "y";
        if (word.EndsWith("es", StringComparison.Ordinal)) yield return word[..^2];
        if (word[^1] == 's') yield return word[..^1];
        if (word.EndsWith("ed", StringComparison.Ordinal)) { yield return word[..^1]; yield return word[..^2]; }
        if (word.EndsWith("ing", StringComparison.Ordinal)) { yield return word[..^3]; yield return word[..^3] + "e"; }
        // A doubled consonant before the ending: "scarring", "rubbed".
        var bare = word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3] : word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2] : "";
        if (bare.Length >= 3 && bare[^1] == bare[^2]) yield return bare[..^1];
        // An adjective made with -y ("shivery", "oily").
        if (word[^1] == 'y') yield return word[..^1];
    }

    private string[]? Split(string word)
    {
        if (word.Length < 6) return null;
        for (var i = 3; i <= word.Length - 3; i++)
        {
            var left = word[..i];
            var right = word[i..];
            if (_known.ContainsKey(left) && _known.ContainsKey(right)) return [left, right];
        }
        return null;
    }

    private void AddKey(string key, string word)
    {
        if (!_byDeletion.TryGetValue(key, out var list)) _byDeletion[key] = list = [];
        if (!list.Contains(word)) list.Add(word);
    }

    private static IEnumerable<string> Deletions(string word)
    {
        for (var i = 0; i < word.Length; i++) yield return word.Remove(i, 1);
    }
}
