using System.Text.RegularExpressions;

namespace Microneedling.FactCheck.Text;

/// <summary>
/// Splits a message into sentences for reading one by one, so a question buried in a long post is
/// found and a message asking two things can get two answers. Sentences end at line breaks, at
/// '.', '!', '?' or '…' followed by a space (not inside "0.5mm" or "e.g."), and at ';'. Fragments of
/// one or two words ("Hi!", "lol", "true?") join the sentence before them (or after, at the start):
/// alone they would only add noise.
/// </summary>
public static partial class SentenceSplitter
{
    /// <summary>Most sentences split from one message; the rest joins the last one (the token budget decides which are read).</summary>
    public const int MaxSentences = 40;

    public static List<string> Split(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        foreach (var raw in Parts(text).SelectMany(Clauses))
        {
            var part = raw.Trim();
            if (part.Length == 0 || !part.Any(char.IsLetterOrDigit)) continue;
            if (result.Count > 0 && (Words(part) < 3 || Words(result[^1]) < 3 || result.Count >= MaxSentences))
                result[^1] = result[^1] + " " + part;
            else
                result.Add(part);
        }
        return result;
    }

    // The end mark stays with its sentence ("is it safe?"): the model reads questions as questions.
    private static IEnumerable<string> Parts(string text)
    {
        var parts = new List<string>();
        var start = 0;
        try
        {
            foreach (Match m in Boundary().Matches(text))
            {
                var keep = m.Value[0] is '.' or '!' or '?' or '\u2026';
                parts.Add(text[start..(keep ? m.Index + m.Length : m.Index)]);
                start = m.Index + m.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [text];
        }
        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>
    /// A long sentence asking two things ("what length is ok at home, and how often can I roll?") is read
    /// clause by clause too: split before ", and / but / also" and before "and how / can / is ..." when
    /// both sides have four words or more.
    /// </summary>
    private static IEnumerable<string> Clauses(string sentence)
    {
        if (Words(sentence) < 10) return [sentence];
        var parts = new List<string>();
        var start = 0;
        try
        {
            foreach (Match m in ClauseBoundary().Matches(sentence))
            {
                var head = sentence[start..m.Index];
                if (Words(head) < 4 || Words(sentence[m.Index..]) < 5) continue;
                parts.Add(head);
                start = m.Index;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [sentence];
        }
        parts.Add(sentence[start..]);
        return parts;
    }

    [GeneratedRegex(@",\s*(?:and|but|also|plus)\s+|\s+(?:and|also|plus)\s+(?=(?:is|are|can|could|do|does|how|hows|what|whats|when|where|should|will|would|which|i|im|i'm|ive|i've|my)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TextNormalizer.RegexTimeoutMilliseconds)]
    private static partial Regex ClauseBoundary();

    private static int Words(string s)
    {
        var n = 0;
        var inWord = false;
        foreach (var c in s)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) n++;
            inWord = letter;
        }
        return n;
    }

    // After the end mark: not when the word before is a short abbreviation ("e.g.", "dr.", "vs.").
    [GeneratedRegex(@"[\r\n]+|(?<!\b(?:e\.g|i\.e|dr|mr|mrs|ms|vs|etc|approx|st|no))(?:[.!?\u2026]+)(?=\s)|;", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TextNormalizer.RegexTimeoutMilliseconds)]
    private static partial Regex Boundary();
}
