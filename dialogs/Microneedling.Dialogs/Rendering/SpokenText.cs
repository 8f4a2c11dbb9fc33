using System.Text.RegularExpressions;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The <c>speak</c> of a reply: plain sentences a text-to-speech voice reads well. No Markdown,
/// no characters SSML would treat as markup, units spelled out.
/// </summary>
public static partial class SpokenText
{
    public static string From(params IEnumerable<string?> sentences) =>
        string.Join(" ", sentences.Select(Sentence).Where(s => s.Length > 0));

    private static string Sentence(string? text)
    {
        var plain = MarkdownText.Clean(MarkdownText.ToPlain(text ?? ""));
        plain = Url().Replace(plain, "");
        plain = Tag().Replace(plain, "");
        plain = plain.Replace("&", " and ", StringComparison.Ordinal);
        plain = Markup().Replace(plain, "");
        plain = Millimetres().Replace(plain, "$1 millimetres");
        plain = MarkdownText.Clean(plain);
        if (plain.Length == 0) return "";
        return plain[^1] is '.' or '?' or '!' ? plain : plain + ".";
    }

    // A URL, with the parentheses MarkdownText.ToPlain puts around it: nobody wants one read aloud.
    [GeneratedRegex(@"\s*\(?https?://[^\s)]+\)?")]
    private static partial Regex Url();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    // Markdown emphasis, headings, code, tables and anything SSML could read as a tag.
    [GeneratedRegex(@"[*_`#|~<>\[\]{}\\]")]
    private static partial Regex Markup();

    [GeneratedRegex(@"(\d)\s?mm\b")]
    private static partial Regex Millimetres();
}
