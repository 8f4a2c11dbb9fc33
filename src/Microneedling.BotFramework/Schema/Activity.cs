using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Microneedling.BotFramework.Schema;

/// <summary>
/// The Bot Framework Activity: one message or event between a channel and the bot. Only the fields
/// this bot reads or writes are typed; every other field a channel sends is kept in
/// <see cref="Extra"/> so it survives a round trip.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? ReplyToId { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public string? DeliveryMode { get; set; }
    public string? Name { get; set; }
    public JsonNode? Value { get; set; }
    public JsonNode? ChannelData { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }

    /// <summary>Entities (mentions, schema.org ClaimReview...). Kept as JSON: each type has its own shape.</summary>
    public List<JsonObject>? Entities { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// A reply to this activity as the spec describes it: same conversation, channel, serviceUrl and
    /// locale, from and recipient swapped, replyToId set to this activity's id.
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        InputHint = InputHints.AcceptingInput,
    };
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? AadObjectId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public JsonNode? Content { get; set; }
    public string? ContentUrl { get; set; }
    public string? Name { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public JsonNode? Value { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Invoke = "invoke";
    public const string Event = "event";
    public const string MessageReaction = "messageReaction";
    public const string InstallationUpdate = "installationUpdate";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string ExpectReplies = "expectReplies";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
}
