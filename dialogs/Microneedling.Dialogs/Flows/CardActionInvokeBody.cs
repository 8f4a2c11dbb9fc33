using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The body of the answer to an <c>adaptiveCard/action</c> invoke: a message the client shows on the
/// card (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views).
/// </summary>
public sealed record CardActionInvokeBody(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value);
