using Microneedling.FactCheck.Semantic;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// The semantic side's content files (out-of-scope.yaml, the descriptions and calm sentences of
/// red-flags.yaml) broken one way each in a temporary folder: a <see cref="ContentException"/> whose
/// errors say file:line and the field.
/// </summary>
public sealed class ContentFileTests : IDisposable
{
    private readonly TempFolder _folder = new("content-files-");

    public void Dispose() => _folder.Dispose();

    private static ContentError ErrorAt(ContentException ex, string path, int line, string field)
    {
        var error = Assert.Single(ex.Errors, e => e.Field == field);
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(error.File));
        Assert.Equal(line, error.Line);
        Assert.Contains(field.Length == 0 ? $"{error.File}:{line}: " : $"{error.File}:{line}: {field}: ", ex.Message, StringComparison.Ordinal);
        return error;
    }

    // ---- out-of-scope.yaml ----

    private const string ValidOutOfScope = """
        topics:
          - id: pancakes
            examples:
              - "how do I flip a pancake without breaking it"
              - "best flour for fluffy pancakes"
          - id: bikes
            examples:
              - "how often should I oil my bike chain"
        """;

    private string OutOfScope(string yaml) => _folder.Write(OutOfScopeExamples.FileName, yaml);

    [Fact]
    public void A_valid_out_of_scope_file_gives_every_example_in_order() =>
        Assert.Equal(
            ["how do I flip a pancake without breaking it", "best flour for fluffy pancakes", "how often should I oil my bike chain"],
            OutOfScopeExamples.Read(OutOfScope(ValidOutOfScope)));

    [Fact]
    public void An_unknown_top_level_key_in_out_of_scope_names_file_line_and_key()
    {
        var path = OutOfScope(ValidOutOfScope + "\nexampels: []\n");
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        ErrorAt(ex, path, 9, "exampels");
    }

    [Fact]
    public void An_unknown_key_in_a_topic_names_file_line_and_field()
    {
        var path = OutOfScope("""
            topics:
              - id: pancakes
                exampels:
                  - "how do I flip a pancake"
            """);
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        ErrorAt(ex, path, 3, "topics[0].exampels");
        ErrorAt(ex, path, 2, "topics[0].examples");
    }

    [Fact]
    public void A_topic_with_an_empty_example_list_names_file_line_and_field()
    {
        var path = OutOfScope("""
            topics:
              - id: pancakes
                examples: []
            """);
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        Assert.Contains("at least one example", ErrorAt(ex, path, 3, "topics[0].examples").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_example_names_file_line_and_item()
    {
        var path = OutOfScope("""
            topics:
              - id: pancakes
                examples:
                  - "how do I flip a pancake"
                  - ""
            """);
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        ErrorAt(ex, path, 5, "topics[0].examples[1]");
    }

    [Fact]
    public void A_duplicate_topic_id_names_file_line_and_field()
    {
        var path = OutOfScope("""
            topics:
              - id: pancakes
                examples: ["how do I flip a pancake"]
              - id: pancakes
                examples: ["best pancake flour"]
            """);
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        Assert.Contains("duplicate", ErrorAt(ex, path, 4, "topics[1].id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_out_of_scope_file_names_the_file() =>
        ErrorAt(Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(OutOfScope(""))), _folder.File(OutOfScopeExamples.FileName), 1, "");

    [Fact]
    public void Malformed_out_of_scope_yaml_names_file_and_line()
    {
        var path = OutOfScope("topics:\n  - id: pancakes\n    examples: [\"unclosed\"\n  - id: x\n");
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(error.File));
        Assert.True(error.Line >= 1, $"line {error.Line}");
        Assert.Contains("malformed YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_out_of_scope_file_names_the_file()
    {
        var path = _folder.File("nowhere.yaml");
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        Assert.Contains("nowhere.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_an_out_of_scope_file_is_listed_at_once()
    {
        var path = OutOfScope("""
            topics:
              - id: a
                examples: []
              - id: a
                examples: ["x"]
                extra: 1
            """);
        var ex = Assert.Throws<ContentException>(() => OutOfScopeExamples.Read(path));
        Assert.Equal(3, ex.Errors.Count);
    }

    // ---- red-flags.yaml: descriptions and calm ----

    private const string Head = """
        levels:
          emergency: {advice: call now}
          urgent: {advice: see someone today}
        hypothetical: ['\bwhat if\b']
        negation: ['\bno\s+$']
        flags:
          - id: fainting
            level: emergency
            sign: fainting
            patterns: ['\bfainted\b']
        """;

    private const string ValidDescriptions = """
        descriptions:
          - id: fainting
            level: emergency
            sign: fainting
            danger:
              - "she keeled over and went limp"
            calm:
              - "I felt a bit light-headed from hunger"
          - id: pus
            level: urgent
            sign: signs of infection
            advice: keep the area clean
            danger:
              - "yellow gunk is oozing from the spots"
        calm:
          - "my face is a little pink"
        """;

    private string RedFlags(string yaml) => _folder.Write("red-flags.yaml", yaml);

    [Fact]
    public void Valid_descriptions_are_loaded_emergencies_first_with_their_calm_sentences()
    {
        var triage = RedFlagTriage.Load(RedFlags(Head + "\n" + ValidDescriptions));
        Assert.Equal(["fainting", "pus"], triage.Descriptions.Select(d => d.Id));
        Assert.Equal(ReferralLevel.Emergency, triage.Descriptions[0].Level);
        Assert.Equal(["I felt a bit light-headed from hunger"], triage.Descriptions[0].Calm);
        Assert.Equal("keep the area clean", triage.Descriptions[1].Advice);
        Assert.Equal(["my face is a little pink"], triage.Calm);
    }

    [Fact]
    public void A_description_at_dermatologist_level_names_file_line_and_field()
    {
        var path = RedFlags(Head + "\n" + """
            descriptions:
              - id: mole
                level: dermatologist
                sign: a changing mole
                danger: ["the mole on my cheek has grown"]
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        Assert.Contains("'dermatologist' must be urgent or emergency", ErrorAt(ex, path, 13, "descriptions[0].level").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_a_description_names_file_line_and_field()
    {
        var path = RedFlags(Head + "\n" + """
            descriptions:
              - id: fainting
                level: emergency
                sign: fainting
                danger: ["she keeled over"]
                calmm: ["I was just tired"]
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 16, "descriptions[0].calmm");
    }

    [Fact]
    public void An_unknown_top_level_key_in_red_flags_names_file_line_and_key()
    {
        var path = RedFlags(Head + "\n" + ValidDescriptions + "\ndescription: []\n");
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 27, "description");
    }

    [Fact]
    public void A_description_with_no_danger_sentences_names_file_line_and_field()
    {
        var path = RedFlags(Head + "\n" + """
            descriptions:
              - id: fainting
                level: emergency
                sign: fainting
                danger: []
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 15, "descriptions[0].danger");
    }

    [Fact]
    public void A_description_without_danger_names_file_line_and_field()
    {
        var path = RedFlags(Head + "\n" + """
            descriptions:
              - id: fainting
                level: emergency
                sign: fainting
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 12, "descriptions[0].danger");
    }

    [Fact]
    public void A_duplicate_description_id_names_file_line_and_field()
    {
        var path = RedFlags(Head + "\n" + """
            descriptions:
              - id: fainting
                level: emergency
                sign: fainting
                danger: ["she keeled over"]
              - id: fainting
                level: urgent
                sign: fainting again
                danger: ["he went grey and flopped"]
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        Assert.Contains("duplicate description id", ErrorAt(ex, path, 16, "descriptions[1].id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_flag_id_names_file_line_and_field()
    {
        var path = RedFlags(Head + """

              - id: fainting
                level: urgent
                sign: fainting twice
                patterns: ['\bpassed out\b']
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        Assert.Contains("duplicate red flag id", ErrorAt(ex, path, 11, "flags[1].id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_shared_calm_sentence_names_file_line_and_item()
    {
        var path = RedFlags(Head + "\n" + ValidDescriptions + "\n  - \"\"\n");
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 27, "calm[1]");
    }

    [Fact]
    public void A_description_that_is_not_a_mapping_names_file_line_and_item()
    {
        var path = RedFlags(Head + "\n" + """
            descriptions:
              - just a sentence
            """);
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 12, "descriptions[0]");
    }

    [Fact]
    public void An_empty_red_flags_file_names_the_file()
    {
        var path = RedFlags("");
        var ex = Assert.Throws<ContentException>(() => RedFlagTriage.Load(path));
        ErrorAt(ex, path, 1, "");
    }
}
