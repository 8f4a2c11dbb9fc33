namespace Microneedling.Dialogs.Teams;

/// <summary>Limits of the Teams message extension, bound from the "Teams" configuration section.</summary>
public sealed record TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>
    /// Longest search text read. A search box holds a few words; longer text is answered with a
    /// "shorter please" message rather than run through the engine as Teams sends it on every keystroke.
    /// </summary>
    public int MaxQueryLength { get; init; } = 300;

    /// <summary>Most results per page (Teams asks for 25 at a time; fewer reads better in a compose box).</summary>
    public int MaxResults { get; init; } = 10;

    /// <summary>Longest message read by "Fact-check this message" (the start is read, as for a chat message).</summary>
    public int MaxMessageLength { get; init; } = 10_000;

    public IEnumerable<string> Problems()
    {
        if (MaxQueryLength < 1) yield return "Teams:MaxQueryLength must be at least 1.";
        if (MaxResults is < 1 or > 25) yield return "Teams:MaxResults must be between 1 and 25 (Teams shows at most 25).";
        if (MaxMessageLength < 1) yield return "Teams:MaxMessageLength must be at least 1.";
    }
}
