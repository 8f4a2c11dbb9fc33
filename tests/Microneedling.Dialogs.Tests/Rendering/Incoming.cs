using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Tests.Rendering;

/// <summary>Messages as channels send them, to render replies to.</summary>
internal static class Incoming
{
    public static Activity Message(string channelId, string? conversationType = null, bool? isGroup = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = "incoming-1",
        ChannelId = channelId,
        ServiceUrl = "https://smba.example.test/amer/",
        From = new ChannelAccount { Id = "user-1", Name = "Sam", Role = "user" },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "Fact check", Role = "bot" },
        Conversation = new ConversationAccount { Id = "conv-1", ConversationType = conversationType, IsGroup = isGroup },
        Locale = "en-US",
        Text = "hello",
    };

    public static Activity WebChat => Message("webchat");

    public static Activity TeamsPersonal => Message("msteams", "personal");

    public static Activity TeamsChannel => Message("msteams", "channel", isGroup: true);

    public static Activity Slack => Message("slack");

    public static Activity Telegram => Message("telegram");

    public static readonly string[] AllChannels = ["webchat", "directline", "msteams", "emulator", "slack", "telegram", "facebook", "sms"];
}
