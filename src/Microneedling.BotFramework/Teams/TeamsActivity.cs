using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework.Teams;

/// <summary>Teams specifics the bot needs: its own @mention removed, tenant and team read from channelData.</summary>
public static partial class TeamsActivity
{
    /// <summary>
    /// The message text without the bot's @mention. In channels Teams only delivers messages that
    /// mention the bot, and "&lt;at&gt;Bot&lt;/at&gt;" must not be read as part of the question.
    /// </summary>
    public static string RemoveRecipientMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if ((string?)entity["type"] != "mention") continue;
            if (entity["mentioned"] is not JsonObject mentioned || (string?)mentioned["id"] != botId) continue;
            if ((string?)entity["text"] is { Length: > 0 } mentionText)
                text = text.Replace(mentionText, "", StringComparison.Ordinal);
        }
        // A mention of the bot by another display name still arrives wrapped in <at> tags.
        if (activity.ChannelId == "msteams" && botId is not null && text.Contains("<at>", StringComparison.OrdinalIgnoreCase))
            text = AtTag().Replace(text, "");
        return text.Trim();
    }

    public static string? TenantId(Activity activity) =>
        (string?)activity.ChannelData?["tenant"]?["id"] ?? activity.Conversation?.TenantId;

    public static string? TeamId(Activity activity) => (string?)activity.ChannelData?["team"]?["id"];

    [GeneratedRegex("<at>[^<]{0,200}</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex AtTag();
}
