using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// The claims' curated texts (statement and phrasings) by their words: a message that is one of them,
/// word for word, is that claim's question by a curator's say, whatever the fitted model makes of it.
/// A curator who promotes an unanswered question (<c>curation promote</c>) sees it answered by the
/// running bot at once, not after the next refit; a suggested question is always answered.
/// </summary>
internal sealed class CuratedPhrasings
{
    private readonly Dictionary<string, int> _owner = new(StringComparer.Ordinal);

    /// <param name="claims">The claims, in the order their indices refer to.</param>
    public CuratedPhrasings(IReadOnlyList<Claim> claims)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < claims.Count; c++)
        {
            foreach (var text in claims[c].Phrasings.Prepend(claims[c].Statement))
            {
                var key = Key(TextNormalizer.Normalize(text));
                if (key.Length == 0) continue;
                // A text two claims share says nothing about which one was asked.
                if (_owner.TryGetValue(key, out var owner) && owner != c) shared.Add(key);
                else _owner[key] = c;
            }
        }
        foreach (var key in shared) _owner.Remove(key);
    }

    /// <summary>
    /// The claim whose curated text <paramref name="normalized"/> is, word for word; null for any other
    /// text. A message is looked up as written and as spell-corrected, so a curated text with a typo
    /// matches the same typo and a misspelt message matches the text it was corrected to; curated texts
    /// themselves are read as written (reading their 2,700 corrected added about half a second to start-up).
    /// </summary>
    public int? Owner(string normalized) => _owner.TryGetValue(Key(normalized), out var c) ? c : null;

    /// <summary>The words and numbers of a normalised text, single-spaced: punctuation and spacing do not make another question.</summary>
    internal static string Key(string normalized) => string.Join(' ', Tokenizer.Tokenize(normalized).Select(t => t.Text));
}
