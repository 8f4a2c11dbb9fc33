namespace Microneedling.FactCheck.Text;

/// <summary>
/// Splits normalised text into words and numbers. Letters and digits glued together are split
/// ("1.5mm" -> "1.5", "mm"; "5x" -> "5", "x") so units and numbers can be read apart; a decimal
/// point or comma between digits stays inside the number.
/// </summary>
public static class Tokenizer
{
    /// <summary>Most tokens read from one message.</summary>
    public const int MaxTokens = 600;

    public static List<Token> Tokenize(string normalized)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < normalized.Length && tokens.Count < MaxTokens)
        {
            var c = normalized[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < normalized.Length && (char.IsAsciiDigit(normalized[i])
                       || ((normalized[i] is '.' or ',') && i + 1 < normalized.Length && char.IsAsciiDigit(normalized[i + 1]) && i > start)))
                    i++;
                tokens.Add(new Token(normalized[start..i].Replace(',', '.'), start, i - start));
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < normalized.Length && (char.IsLetter(normalized[i]) || char.GetUnicodeCategory(normalized[i]) is System.Globalization.UnicodeCategory.NonSpacingMark))
                    i++;
                tokens.Add(new Token(normalized[start..i], start, i - start));
            }
            else
            {
                i++;
            }
        }
        return tokens;
    }
}
