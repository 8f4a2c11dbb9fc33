using System.Text.Json.Serialization;

namespace Microneedling.DirectLine.PageToken;

/// <summary>
/// What the page gets from <c>POST /api/directline/token</c>: the token for <c>createDirectLine</c>,
/// and in Azure mode the <c>domain</c> to use (absent in local mode: the page uses its own origin).
/// </summary>
internal sealed record PageTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("domain"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Domain);
