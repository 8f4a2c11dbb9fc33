using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// What a button sends back: the <c>value</c> of an Action.Submit message, the
/// <c>value.action.data</c> of a Teams Action.Execute invoke, or the value of a messageBack
/// suggested action. One shape for every channel, so the dialogs read one thing.
/// </summary>
public sealed record CardActionValue
{
    /// <summary>"ask" a question by text, "pick" a did-you-mean candidate, "none" of the candidates, or "feedback".</summary>
    [JsonPropertyName("action")] public required string Action { get; init; }

    [JsonPropertyName("claimId")] public string? ClaimId { get; init; }

    /// <summary>For "ask": the question to check, as if typed.</summary>
    [JsonPropertyName("question")] public string? Question { get; init; }

    /// <summary>For "feedback": "helpful" or "not-helpful".</summary>
    [JsonPropertyName("vote")] public string? Vote { get; init; }

    /// <summary>For "feedback": an optional comment typed into the card's input.</summary>
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    public const string Ask = "ask";
    public const string Pick = "pick";
    public const string NoneOfThese = "none";
    public const string Feedback = "feedback";
    public const string Helpful = "helpful";
    public const string NotHelpful = "not-helpful";
}
