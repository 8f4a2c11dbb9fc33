using System.Text;
using Microneedling.FactCheck;

namespace Microneedling.Cli.Curation;

/// <summary>
/// Adds a question to a claim file's <c>phrasings</c> as one new line after the list's last item, with
/// the list's own indentation, so the rest of the file (comments, folding, order) is untouched; then
/// validates the whole claim set and puts the file back as it was if the set no longer loads.
/// </summary>
internal static class PhrasingPromotion
{
    public enum Outcome { Added, AlreadyThere }

    /// <summary>Adds <paramref name="question"/>; throws <see cref="ContentException"/> (file restored) when the set does not validate.</summary>
    public static Outcome Promote(string claimsDirectory, string claimId, string question)
    {
        var path = Path.Combine(claimsDirectory, claimId + ".yaml");
        var original = File.ReadAllText(path);
        var set = ClaimSetLoader.Load(claimsDirectory);
        var claim = set.Find(claimId) ?? throw new ContentException([new ContentError(path, 1, "id", $"the file does not hold claim '{claimId}'")]);
        if (claim.Phrasings.Any(p => Comparable(p) == Comparable(question))) return Outcome.AlreadyThere;

        File.WriteAllText(path, Insert(original, path, question), new UTF8Encoding(false));
        var (_, errors) = ClaimSetLoader.Validate(claimsDirectory);
        if (errors.Count > 0)
        {
            File.WriteAllText(path, original, new UTF8Encoding(false));
            throw new ContentException(errors);
        }
        return Outcome.Added;
    }

    private static string Insert(string yaml, string path, string question)
    {
        var newline = yaml.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = yaml.Split(newline).ToList();
        var start = lines.FindIndex(l => l.StartsWith("phrasings:", StringComparison.Ordinal));
        if (start < 0) throw new ContentException([new ContentError(path, 1, "phrasings", "no top-level phrasings list to add to")]);
        // The list runs until the next top-level key; its last item (with any continuation lines) ends where
        // the last line indented under the list is.
        var last = start;
        string? itemPrefix = null;
        for (var i = start + 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#' && line[0] != '-') break;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                itemPrefix = line[..(line.Length - trimmed.Length)] + "- ";
                last = i;
            }
            else if (trimmed.Length > 0 && !trimmed.StartsWith('#') && itemPrefix is not null)
            {
                last = i; // a continuation of the item above
            }
        }
        if (itemPrefix is null) throw new ContentException([new ContentError(path, start + 1, "phrasings", "the phrasings list is not a block list ('- ...' lines)")]);
        lines.Insert(last + 1, itemPrefix + DoubleQuoted(question));
        return string.Join(newline, lines);
    }

    // A YAML double-quoted scalar: backslash and quote escaped, control characters dropped.
    private static string DoubleQuoted(string text)
    {
        var clean = new string([.. text.Trim().Where(c => !char.IsControl(c))]);
        return "\"" + clean.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static string Comparable(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
