namespace Microneedling.FactCheck.Triage;

/// <summary>
/// The terms the triage word probe reads: a message's words as written (normalised, spelling
/// corrected, no stemming and no stopwords dropped) and each pair of neighbouring words. The claim
/// side's terms drop "not", "ago" and "now" as stopwords; for triage they are the evidence: "didnt
/// faint", "years ago", "fine now", "keeps bleeding" tell a denial, a history, a sign over, a sign now.
/// </summary>
public static class TriageTerms
{
    private static readonly char[] Breaks = [' ', ',', '.', '!', '?', ';', ':', '\n', '(', ')', '"', '-', '/'];

    /// <summary>The distinct words and word pairs of a normalised text.</summary>
    public static IReadOnlyList<string> Of(string normalized)
    {
        var words = normalized.Split(Breaks, StringSplitOptions.RemoveEmptyEntries);
        var terms = new HashSet<string>(words, StringComparer.Ordinal);
        for (var i = 1; i < words.Length; i++) terms.Add(words[i - 1] + " " + words[i]);
        return [.. terms];
    }
}
