using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microneedling.FactCheck.Evaluation;

/// <summary>One labelled question, in the format of shared/eval/dev.jsonl.</summary>
public sealed record EvalCase(
    [property: JsonPropertyName("q")] string Question,
    [property: JsonPropertyName("expect")] IReadOnlyList<string> Expect,
    [property: JsonPropertyName("kind")] string Kind)
{
    [JsonPropertyName("accept")]
    public IReadOnlyList<string> Accept { get; init; } = [];

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
        { "para", "num", "typo", "contra", "multi", "ood", "urgent", "emergency", "calm" };

    /// <summary>Reads a .jsonl file; throws <see cref="FormatException"/> naming the line of any bad row.</summary>
    public static IReadOnlyList<EvalCase> Load(string path)
    {
        var cases = new List<EvalCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            EvalCase? row;
            try
            {
                row = JsonSerializer.Deserialize<EvalCase>(line);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{lineNumber}: not a JSON object: {ex.Message}", ex);
            }
            if (row?.Question is null || row.Expect is null || row.Kind is null)
                throw new FormatException($"{path}:{lineNumber}: needs \"q\", \"expect\" and \"kind\"");
            if (!Kinds.Contains(row.Kind))
                throw new FormatException($"{path}:{lineNumber}: unknown kind '{row.Kind}' (expected {string.Join(", ", Kinds)})");
            cases.Add(row with { Accept = row.Accept ?? [] });
        }
        return cases;
    }
}
