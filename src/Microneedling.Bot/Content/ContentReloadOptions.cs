namespace Microneedling.Bot.Content;

/// <summary>Hot reload of the content folder, bound from the "Content" section.</summary>
internal sealed class ContentReloadOptions
{
    public const string Section = "Content";

    /// <summary>Watch the content folder and swap in a changed set once it validates (on by default).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// Quiet time after the last change before a reload: an editor's save or a copied folder is
    /// several file events, and the set is read once they have settled.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMilliseconds(500);

    public IEnumerable<string> Problems()
    {
        if (SettleTime < TimeSpan.Zero || SettleTime > TimeSpan.FromMinutes(5))
            yield return "Content:SettleTime must be between 00:00:00 and 00:05:00.";
    }
}
