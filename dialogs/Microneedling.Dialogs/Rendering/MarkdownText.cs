using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// The small Markdown subset every target renders (bold, italic, links, "- " lists): Adaptive Card
/// TextBlocks, Web Chat, Teams text messages and the Markdown the connector converts for other
/// channels. Also turns that Markdown back into plain text for fallbacks.
/// </summary>
public static partial class MarkdownText
{
    /// <summary>Content text as one clean paragraph: control characters dropped, whitespace collapsed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (IsClean(text)) return text; // claim texts nearly always are: no copy on every reply
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) clean.Append(' ');
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format) clean.Append(c);
        }
        return Spaces().Replace(clean.ToString(), " ").Trim();
    }

    /// <summary>True when <see cref="Clean"/> would return the text unchanged.</summary>
    private static bool IsClean(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ') return false;
        var previous = '\0';
        foreach (var c in text)
        {
            if (c == ' ' ? previous == ' ' : char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return false;
            previous = c;
        }
        return true;
    }

    public static string Bold(string text) => $"**{Clean(text)}**";

    public static string Italic(string text) => $"_{Clean(text)}_";

    /// <summary>A link whose text cannot end the link early and whose URL cannot break out of it.</summary>
    public static string Link(string text, Uri url)
    {
        var label = Clean(text).Replace('[', '(').Replace(']', ')');
        var target = url.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
        return $"[{label}]({target})";
    }

    /// <summary>A source as people cite it: linked title (https only), publisher, year.</summary>
    public static string Citation(FactCheck.Source source)
    {
        var title = IsSafeLink(source.Url) ? Link(source.Title, source.Url) : Clean(source.Title);
        return string.Create(CultureInfo.InvariantCulture, $"{title}, {Clean(source.Publisher)}, {source.Year}");
    }

    /// <summary>Only https links are offered; anything else is shown as text.</summary>
    public static bool IsSafeLink(Uri url) => url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps;

    public static string Bullets(IEnumerable<string> lines) => string.Join("\n", lines.Select(line => "- " + line));

    /// <summary>"1. …" lines, for choices people can answer by number.</summary>
    public static string Numbered(IEnumerable<string> lines) =>
        string.Join("\n", lines.Select((line, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {line}")));

    /// <summary>
    /// Plain text from Markdown written by this class: links become "title (url)", emphasis marks go.
    /// </summary>
    public static string ToPlain(string markdown)
    {
        var text = LinkPattern().Replace(markdown, m => $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        text = text.Replace("**", "", StringComparison.Ordinal);
        return ItalicPattern().Replace(text, "$1");
    }

    [GeneratedRegex(@"[ ]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\[([^\]]*)\]\(([^)\s]*)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(?<!\w)_([^_\n]+)_(?!\w)")]
    private static partial Regex ItalicPattern();
}
