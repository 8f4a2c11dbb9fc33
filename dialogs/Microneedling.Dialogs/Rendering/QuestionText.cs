using System.Text.RegularExpressions;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// A claim as a question someone would ask: its first phrasing (which the matcher indexes, so
/// tapping it finds the claim again), or the statement itself when it has none.
/// </summary>
public static partial class QuestionText
{
    public static string For(FactCheck.Claim claim)
    {
        var text = MarkdownText.Clean(claim.Phrasings.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)) ?? claim.Statement);
        if (text.Length == 0) return text;
        // Phrasings keep how people type ("how often should i roll"); a button reads better tidied.
        text = LoneI().Replace(char.ToUpperInvariant(text[0]) + text[1..], "I");
        return text[^1] is '?' or '.' or '!' ? text : text + "?";
    }

    [GeneratedRegex(@"\bi\b")]
    private static partial Regex LoneI();
}
