using Microneedling.FactCheck.Vocabulary;

namespace Microneedling.FactCheck.Tests;

/// <summary>Loading content/vocabulary.yaml: its context lists are validated like the rest of it.</summary>
public sealed class DomainVocabularyTests : IDisposable
{
    private const string Valid = """
        synonyms:
          - means: [microneedling]
            words: [microneedling, derma roller]
          - means: [session]
            words: [session, sessions]
        stopwords: [is, a]
        anchors: [microneedling]
        weak: [session]
        context: [session]
        context-words: [it]
        off-topic: [laser]
        """;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vocabulary-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_path);

    private DomainVocabulary Load(string yaml)
    {
        File.WriteAllText(_path, yaml);
        return DomainVocabulary.Load(_path);
    }

    [Fact]
    public void Context_concepts_and_words_are_read()
    {
        var vocabulary = Load(Valid);

        Assert.Contains("session", vocabulary.ContextConcepts);
        Assert.Contains("it", vocabulary.ContextStems);
    }

    [Fact]
    public void A_context_entry_that_is_no_concept_is_named_with_its_line()
    {
        var ex = Assert.Throws<ContentException>(() => Load(Valid.Replace("context: [session]", "context: [sesion]")));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("context", error.Field);
        Assert.Equal(9, error.Line);
        Assert.Contains("'sesion' is not a concept", error.Message);
    }

    [Fact]
    public void A_context_word_must_be_one_word()
    {
        var ex = Assert.Throws<ContentException>(() => Load(Valid.Replace("context-words: [it]", "context-words: [it, the treatment, '!!']")));

        Assert.Equal(2, ex.Errors.Count);
        Assert.All(ex.Errors, e => Assert.Equal("context-words", e.Field));
    }

    [Fact]
    public void Without_context_lists_every_message_counts_as_in_context()
    {
        var vocabulary = Load(Valid.Replace("context: [session]\n", "").Replace("context-words: [it]\n", ""));

        Assert.Empty(vocabulary.ContextConcepts);
        var analyzer = new Text.TextAnalyzer(vocabulary, new Quantities.QuantityReader());
        Assert.True(analyzer.Analyze("what causes wrinkles", correctSpelling: false).HasContext);
    }

    [Fact]
    public void The_shipped_vocabulary_has_context_entries()
    {
        var vocabulary = DomainVocabulary.Load(Path.Combine(AppContext.BaseDirectory, "content", "vocabulary.yaml"));

        Assert.NotEmpty(vocabulary.ContextConcepts);
        Assert.NotEmpty(vocabulary.ContextStems);
    }
}
