namespace Microneedling.Dialogs.Curation;

/// <summary>The curator records' settings, bound from the "Curation" section.</summary>
public sealed class CurationOptions
{
    public const string Section = "Curation";

    /// <summary>Days a record is kept after it was last seen (default 90), then deleted.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often expired records are looked for (at start-up, then at this interval).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    public IEnumerable<string> Problems()
    {
        if (RetentionDays is < 1 or > 3650) yield return "Curation:RetentionDays must be between 1 and 3650.";
        if (PurgeInterval < TimeSpan.FromMinutes(1)) yield return "Curation:PurgeInterval must be at least 00:01:00.";
    }
}
