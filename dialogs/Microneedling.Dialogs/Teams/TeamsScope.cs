using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Teams;

/// <summary>Which kind of Teams conversation an activity is in (<c>conversation.conversationType</c>).</summary>
public static class TeamsScope
{
    /// <summary>
    /// A one-to-one chat with the bot: "personal", or no type and not a group (older payloads). Channels
    /// ("channel") and group chats ("groupChat") are not.
    /// </summary>
    public static bool IsPersonal(ConversationAccount? conversation) =>
        conversation is not null
        && (string.Equals(conversation.ConversationType, "personal", StringComparison.OrdinalIgnoreCase)
            || (string.IsNullOrEmpty(conversation.ConversationType) && conversation.IsGroup != true));
}
