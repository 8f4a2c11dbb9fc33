using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>One option of a <see cref="ChoicePrompt"/>: the value a button sends, the title people see, and other words that pick it.</summary>
public sealed record Choice(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("synonyms")] IReadOnlyList<string>? Synonyms = null);
