namespace Microneedling.FactCheck.Text;

/// <summary>
/// A light English suffix stripper (in the spirit of the S-stemmer and Porter's first steps): it
/// folds plurals, -ing, -ed, -ly, -er and a few derivational endings so that "rolling", "rolled",
/// "roller" and "rolls" meet. It only has to be consistent, because claims and questions go through
/// the same function; it never needs to produce real words.
/// </summary>
public static class Stemmer
{
    private static readonly (string Suffix, string Replacement, int MinStem)[] Rules =
    [
        ("ational", "ate", 3), ("ization", "ize", 3), ("isation", "ize", 3), ("fulness", "ful", 3),
        ("iveness", "ive", 3), ("ousness", "ous", 3), ("ements", "", 3), ("ement", "", 3),
        ("ments", "", 3), ("ment", "", 3), ("ities", "", 3), ("ity", "", 3), ("ness", "", 3),
        ("ingly", "", 3), ("edly", "", 3), ("ings", "", 3), ("ing", "", 3), ("ies", "y", 2), ("ied", "y", 2),
        ("ers", "", 3), ("er", "", 3), ("ed", "", 3), ("ly", "", 3), ("es", "", 3), ("s", "", 3),
        ("ion", "", 4), ("ions", "", 4), ("ive", "", 4), ("able", "", 4), ("ible", "", 4), ("al", "", 4),
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[0])) return word;
        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal))
            return word;
        var w = word;
        // Two passes fold stacked endings ("rollers" -> "roller" -> "roll").
        for (var pass = 0; pass < 2; pass++)
        {
            var changed = false;
            foreach (var (suffix, replacement, minStem) in Rules)
            {
                if (w.Length - suffix.Length >= minStem && w.EndsWith(suffix, StringComparison.Ordinal))
                {
                    w = w[..^suffix.Length] + replacement;
                    changed = true;
                    break;
                }
            }
            if (!changed) break;
        }
        // Undouble a final consonant left by -ing/-ed/-er ("rolling" -> "roll" keeps ll; "stopped" -> "stop").
        if (w.Length > 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') && !IsVowel(w[^1]))
            w = w[..^1];
        // Drop a final silent e so "scare"/"scarring" and "use"/"using" meet.
        if (w.Length > 3 && w[^1] == 'e') w = w[..^1];
        return w;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
