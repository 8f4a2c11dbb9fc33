using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// What the channel a message came from can show, which decides how a reply is rendered.
/// Adaptive Cards for webchat, directline, msteams and emulator; Markdown text elsewhere.
/// </summary>
/// <param name="RendersCards">Send an Adaptive Card (with a short plain <c>text</c>).</param>
/// <param name="ShowsSuggestedActions">Offer question shortcuts as suggested actions rather than card buttons.</param>
/// <param name="UsesExecuteActions">Card buttons are Action.Execute (Teams) rather than Action.Submit.</param>
/// <param name="SupportsMessageBack">Suggested actions can be messageBack (text plus a value) rather than imBack.</param>
/// <param name="MaxSuggestedActions">How many suggested actions the channel shows.</param>
public sealed record ChannelCapabilities(
    bool RendersCards,
    bool ShowsSuggestedActions,
    bool UsesExecuteActions,
    bool SupportsMessageBack,
    int MaxSuggestedActions)
{
    private static readonly ChannelCapabilities WebChat = new(true, true, false, true, 4);

    // Teams shows at most 3 suggested actions and only imBack is safe in every client (protocol
    // reference §5.6); it never shows them in team channels or group chats, so buttons go on the card.
    private static readonly ChannelCapabilities TeamsPersonal = new(true, true, true, false, 3);
    private static readonly ChannelCapabilities TeamsGroup = new(true, false, true, false, 0);

    // Channels whose Bot Framework connector turns suggested actions into reply keyboards.
    private static readonly ChannelCapabilities TextWithKeyboard = new(false, true, false, false, 4);
    private static readonly ChannelCapabilities TextOnly = new(false, false, false, false, 0);

    public static ChannelCapabilities For(Activity incoming) =>
        (incoming.ChannelId ?? "").ToLowerInvariant() switch
        {
            "webchat" or "directline" or "emulator" => WebChat,
            "msteams" => IsGroupConversation(incoming.Conversation) ? TeamsGroup : TeamsPersonal,
            "telegram" or "facebook" or "line" => TextWithKeyboard,
            _ => TextOnly,
        };

    private static bool IsGroupConversation(ConversationAccount? conversation) =>
        conversation?.IsGroup == true
        || string.Equals(conversation?.ConversationType, "channel", StringComparison.OrdinalIgnoreCase)
        || string.Equals(conversation?.ConversationType, "groupChat", StringComparison.OrdinalIgnoreCase);
}
