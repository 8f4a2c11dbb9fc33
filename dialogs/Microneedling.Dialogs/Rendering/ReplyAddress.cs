using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// A new reply to an incoming activity as the Activity spec describes it: same conversation, channel,
/// serviceUrl and locale, from and recipient swapped, replyToId set to the incoming id. Not the SDK's
/// <c>CreateReply</c>, which adds an empty text (Web Chat would show an empty bubble above a card) and
/// empty attachment and entity lists; the turn context fills in the same addressing again on send.
/// </summary>
internal static class ReplyAddress
{
    public static Activity To(Activity incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = incoming.ChannelId,
            ServiceUrl = incoming.ServiceUrl,
            Conversation = incoming.Conversation,
            From = incoming.Recipient,
            Recipient = incoming.From,
            ReplyToId = incoming.Id,
            Locale = incoming.Locale,
            InputHint = InputHints.AcceptingInput,
        };
    }
}
