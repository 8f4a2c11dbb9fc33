using System.Globalization;
using System.Text;
using Microneedling.FactCheck.Text;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// Finds which choice a typed answer means: its number ("2", "#2", "option 2"), its title or a
/// synonym, allowing a typo or two in longer words ("non of these"). Returns null when no single
/// choice fits, so the prompt asks again rather than guessing.
/// </summary>
public static class ChoiceRecognizer
{
    public static Choice? Recognize(string? text, IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var said = Normalize(text);
        if (said.Length == 0) return null;

        if (OptionNumber(said) is { } number)
            return number >= 1 && number <= choices.Count ? choices[number - 1] : null;

        var exact = choices.Where(c => Names(c).Any(n => n == said)).ToList();
        if (exact.Count == 1) return exact[0];

        // Typo tolerance grows with length: none for short words, where one edit changes the word.
        var close = choices
            .Select(c => (Choice: c, Distance: Names(c).Min(n => Distance(said, n))))
            .Where(x => x.Distance < int.MaxValue)
            .OrderBy(x => x.Distance)
            .ToList();
        if (close.Count == 0) return null;
        return close.Count == 1 || close[1].Distance > close[0].Distance ? close[0].Choice : null;
    }

    private static int Distance(string said, string name)
    {
        var max = Math.Min(Tolerance(said), Tolerance(name));
        var distance = EditDistance.Bounded(said, name, max);
        return distance <= max ? distance : int.MaxValue;
    }

    private static int Tolerance(string word) => word.Length switch
    {
        < 4 => 0,
        < 9 => 1,
        _ => 2,
    };

    private static IEnumerable<string> Names(Choice choice) =>
        new[] { choice.Title, choice.Value }.Concat(choice.Synonyms ?? []).Select(Normalize).Where(n => n.Length > 0);

    private static int? OptionNumber(string said)
    {
        var digits = said;
        foreach (var prefix in new[] { "option ", "number ", "no ", "nr " })
        {
            if (digits.StartsWith(prefix, StringComparison.Ordinal)) digits = digits[prefix.Length..];
        }
        return digits.Length is > 0 and <= 2 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>Lower case, letters and digits only, single spaces ("#2." -> "2", "None of these!" -> "none of these").</summary>
    internal static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && result.Length > 0) result.Append(' ');
                result.Append(ch);
                space = false;
            }
            else if (ch is not ('\'' or '’'))
            {
                space = true;
            }
        }
        return result.ToString();
    }
}
