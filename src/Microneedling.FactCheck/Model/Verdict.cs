namespace Microneedling.FactCheck;

/// <summary>ClaimReview-style verdict on a claim. The YAML and JSON spelling is <see cref="VerdictNames"/>.</summary>
public enum Verdict
{
    False,
    Misleading,
    PartlyTrue,
    True,
    Unproven,
}

/// <summary>The one-word spellings used in claim files, CLI output and ClaimReview entities.</summary>
public static class VerdictNames
{
    public static string ToName(this Verdict verdict) => verdict switch
    {
        Verdict.False => "false",
        Verdict.Misleading => "misleading",
        Verdict.PartlyTrue => "partly-true",
        Verdict.True => "true",
        Verdict.Unproven => "unproven",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    /// <summary>The label people see on a badge ("Partly true").</summary>
    public static string ToLabel(this Verdict verdict) => verdict switch
    {
        Verdict.False => "False",
        Verdict.Misleading => "Misleading",
        Verdict.PartlyTrue => "Partly true",
        Verdict.True => "True",
        Verdict.Unproven => "Unproven",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static bool TryParse(string? name, out Verdict verdict)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "false": verdict = Verdict.False; return true;
            case "misleading": verdict = Verdict.Misleading; return true;
            case "partly-true": verdict = Verdict.PartlyTrue; return true;
            case "true": verdict = Verdict.True; return true;
            case "unproven": verdict = Verdict.Unproven; return true;
            default: verdict = default; return false;
        }
    }
}
