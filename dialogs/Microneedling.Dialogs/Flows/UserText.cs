using System.Globalization;
using System.Text;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The one place user text is cleaned and cut: what is checked, logged (never at default levels),
/// shown back and stored for curators is what the person saw.
/// </summary>
public static class UserText
{
    /// <summary>
    /// Control characters (escape sequences, NULs) and line/paragraph separators (U+2028, U+2029)
    /// become spaces; invisible format characters (Unicode category Cf: bidi overrides and isolates
    /// U+202A–U+202E, U+2066–U+2069, zero-width U+200B–U+200D, the BOM, soft hyphens, tag
    /// characters) are removed; an unpaired surrogate becomes U+FFFD. The rest is trimmed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Format:
                    continue;
                case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    result.Append(' ');
                    break;
                case UnicodeCategory.Control when rune.Value is not ('\n' or '\t'):
                    result.Append(' ');
                    break;
                default:
                    result.Append(utf16[..rune.EncodeToUtf16(utf16)]);
                    break;
            }
        }
        return result.ToString().Trim();
    }

    /// <summary>
    /// <paramref name="text"/> as compared for "the same content": cleaned, compatibility-normalised,
    /// lower-cased, whitespace runs as one space, trailing punctuation dropped.
    /// </summary>
    public static string Comparable(string? text)
    {
        var cleaned = Clean(text).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var result = new StringBuilder(cleaned.Length);
        var space = false;
        foreach (var ch in cleaned)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = result.Length > 0;
                continue;
            }
            if (space) result.Append(' ');
            space = false;
            result.Append(ch);
        }
        return result.ToString().TrimEnd('?', '!', '.', ' ');
    }

    /// <summary>At most <paramref name="length"/> characters from the start, never splitting a surrogate pair.</summary>
    public static string Head(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length) return text;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length];
    }

    /// <summary>At most <paramref name="length"/> characters from the end, never splitting a surrogate pair.</summary>
    public static string Tail(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length) return text;
        var start = text.Length - length;
        if (char.IsLowSurrogate(text[start])) start++;
        return text[start..];
    }
}
