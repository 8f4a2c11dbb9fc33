using System.Globalization;
using System.Text;

namespace Microneedling.FactCheck.Text;

/// <summary>
/// Turns any user text into lower-case, single-spaced text the tokenizer and triage can rely on:
/// Unicode compatibility-normalised, control characters and invalid surrogates removed,
/// apostrophes dropped ("can't" -> "cant", "friend's" -> "friends"), typographic dashes unified.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Longest text analysed; anything after it is ignored (a question is never that long).</summary>
    public const int MaxAnalysedLength = 4000;

    /// <summary>
    /// The longest a regular expression may run on one message, in milliseconds. Generous on purpose: a
    /// match timeout is wall-clock time, so on a loaded machine a thread descheduled mid-match "times out"
    /// on an ordinary message, and a timed-out pattern is read as no match (or, for red flags, as a
    /// match). Tight timeouts of 50-200 ms made answers depend on how busy the machine was. Messages are
    /// cut to <see cref="MaxAnalysedLength"/> characters, so the timeout only guards against a pattern
    /// that backtracks badly, never paces ordinary work.
    /// </summary>
    public const int RegexTimeoutMilliseconds = 2000;

    /// <summary><see cref="RegexTimeoutMilliseconds"/> as a time span.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(RegexTimeoutMilliseconds);

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var input = text.Length > MaxAnalysedLength ? text[..MaxAnalysedLength] : text;
        string normalized;
        try
        {
            normalized = input.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates make Normalize throw; drop them and go on.
            normalized = new string(input.Where(c => !char.IsSurrogate(c)).ToArray());
        }

        var sb = new StringBuilder(normalized.Length);
        var lastSpace = true;
        foreach (var raw in normalized)
        {
            var c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case '\'' or '\u2019' or '\u2018' or '`' or '\u00b4':
                    continue; // apostrophes join: "won't" -> "wont"
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212':
                    c = '-';
                    break;
                case '\u00d7':
                    c = 'x'; // "3×" -> "3x"
                    break;
            }
            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse || char.IsWhiteSpace(c))
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            sb.Append(c);
            lastSpace = false;
        }
        return sb.ToString().TrimEnd();
    }
}
