using System.Text.Json.Serialization;

namespace Microneedling.DirectLine.Tokens;

/// <summary>The service's Conversation object (§4.2): <c>expires_in</c> in seconds, snake case as on the wire.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);
