using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.BotFramework.Teams;

/// <summary>
/// The bot's own @mention removed from a Teams message. Entities are client JSON of any shape: the
/// SDK's <c>RemoveRecipientMention</c> deserializes every mention and throws on one whose
/// <c>mentioned</c> is not an object, so here every read is type-checked and a malformed entity is
/// skipped, never thrown on.
/// </summary>
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
            if (entity?.Type != "mention" || entity.Properties is not { } properties) continue;
            if (properties["mentioned"] is not JObject mentioned || StringOf(mentioned["id"]) is not { } mentionedId || mentionedId != botId) continue;
            if (StringOf(properties["text"]) is { Length: > 0 } mentionText)
                text = text.Replace(mentionText, "", StringComparison.Ordinal);
        }
        // A mention of the bot by another display name still arrives wrapped in <at> tags.
        if (activity.ChannelId == "msteams" && botId is not null && text.Contains("<at>", StringComparison.OrdinalIgnoreCase))
            text = AtTag().Replace(text, "");
        return text.Trim();
    }

    /// <summary>The string in <paramref name="token"/>; null when it is missing or not a JSON string.</summary>
    private static string? StringOf(JToken? token) => token?.Type == JTokenType.String ? (string?)token : null;

    [GeneratedRegex("<at>[^<]{0,200}</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex AtTag();
}
