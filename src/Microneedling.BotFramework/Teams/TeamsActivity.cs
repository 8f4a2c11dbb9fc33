using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework.Teams;

/// <summary>
/// Teams specifics the bot needs: its own @mention removed, tenant and team read from channelData.
/// Entities and channelData are client JSON of any shape: every read is type-checked, so a null
/// entity, a number where a string belongs, an array where an object belongs or an object with a
/// repeated property name (which <see cref="JsonObject"/> cannot index) is skipped, never thrown on.
/// </summary>
public static partial class TeamsActivity
{
    /// <summary>
    /// The message text without the bot's @mention. In channels Teams only delivers messages that
    /// mention the bot, and "&lt;at&gt;Bot&lt;/at&gt;" must not be read as part of the question.
    /// Never throws for a malformed entity: it is ignored.
    /// </summary>
    public static string RemoveRecipientMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (StringOf(Property(entity, "type")) != "mention") continue;
            if (Property(entity, "mentioned") is not JsonObject mentioned || StringOf(Property(mentioned, "id")) is not { } mentionedId || mentionedId != botId) continue;
            if (StringOf(Property(entity, "text")) is { Length: > 0 } mentionText)
                text = text.Replace(mentionText, "", StringComparison.Ordinal);
        }
        // A mention of the bot by another display name still arrives wrapped in <at> tags.
        if (activity.ChannelId == "msteams" && botId is not null && text.Contains("<at>", StringComparison.OrdinalIgnoreCase))
            text = AtTag().Replace(text, "");
        return text.Trim();
    }

    public static string? TenantId(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return IdOf(activity.ChannelData, "tenant") ?? activity.Conversation?.TenantId;
    }

    public static string? TeamId(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return IdOf(activity.ChannelData, "team");
    }

    /// <summary>The string in <paramref name="node"/>; null when it is missing or not a JSON string.</summary>
    internal static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// The value of <paramref name="name"/> in <paramref name="node"/>; null when the node is not an
    /// object, lacks the property, or repeats a property name (JSON allows it; indexing such a
    /// <see cref="JsonObject"/> throws <see cref="ArgumentException"/>).
    /// </summary>
    internal static JsonNode? Property(JsonNode? node, string name)
    {
        if (node is not JsonObject obj) return null;
        try
        {
            return obj.TryGetPropertyValue(name, out var value) ? value : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? IdOf(JsonNode? channelData, string property) => StringOf(Property(Property(channelData, property), "id"));

    [GeneratedRegex("<at>[^<]{0,200}</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex AtTag();
}
