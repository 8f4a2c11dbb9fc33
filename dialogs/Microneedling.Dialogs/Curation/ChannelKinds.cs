namespace Microneedling.Dialogs.Curation;

/// <summary>
/// The kinds of channel a curator record names: the Bot Framework channel ids this bot is offered on,
/// and "other" for anything else, so a record never carries a free-form value from the activity.
/// </summary>
public static class ChannelKinds
{
    public const string Other = "other";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "msteams", "webchat", "directline", "emulator", "test" };

    public static string Of(string? channelId) =>
        channelId?.Trim().ToLowerInvariant() is { } id && Known.Contains(id) ? id : Other;
}
