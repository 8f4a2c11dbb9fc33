using System.Text.Json.Serialization;

namespace Microneedling.Dialogs.Flows;

/// <summary>One option of the did-you-mean prompt: the value a button sends, the title people see, and other words that pick it.</summary>
public sealed record Choice(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("synonyms")] IReadOnlyList<string>? Synonyms = null);
