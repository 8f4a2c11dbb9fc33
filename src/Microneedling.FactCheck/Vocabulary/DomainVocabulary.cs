using Microneedling.FactCheck.Text;
using YamlDotNet.RepresentationModel;

namespace Microneedling.FactCheck.Vocabulary;

/// <summary>
/// The matcher's domain vocabulary (content/vocabulary.yaml): synonym phrases mapped to concept
/// terms, stopwords, anchor concepts and off-topic words. Phrases are kept as stemmed token
/// sequences so "derma rolling" and "derma roller" meet the same entry.
/// </summary>
public sealed class DomainVocabulary
{
    private DomainVocabulary(
        Dictionary<string, List<(string[] Stems, string[] Means)>> phrasesByFirstStem,
        HashSet<string> stopStems,
        HashSet<string> anchors,
        Dictionary<string, List<string[]>> offTopicByFirstStem,
        HashSet<string> surfaceWords,
        HashSet<string> topicConcepts,
        HashSet<string> weakConcepts,
        HashSet<string> contextConcepts,
        HashSet<string> contextStems)
    {
        ContextConcepts = contextConcepts;
        ContextStems = contextStems;
        TopicConcepts = topicConcepts;
        WeakConcepts = weakConcepts;
        PhrasesByFirstStem = phrasesByFirstStem;
        StopStems = stopStems;
        Anchors = anchors;
        OffTopicByFirstStem = offTopicByFirstStem;
        SurfaceWords = surfaceWords;
    }

    /// <summary>Synonym phrases by their first stem, longest first.</summary>
    internal Dictionary<string, List<(string[] Stems, string[] Means)>> PhrasesByFirstStem { get; }

    internal HashSet<string> StopStems { get; }

    internal HashSet<string> Anchors { get; }

    internal Dictionary<string, List<string[]>> OffTopicByFirstStem { get; }

    /// <summary>
    /// Concepts that can carry a question on their own: every concept except the weak ones
    /// ("time", "safe"), so "what time is it" is not read as a question about healing time.
    /// </summary>
    internal HashSet<string> TopicConcepts { get; }

    /// <summary>Generic concepts: one alone carries no question, two together do ("needle length at home").</summary>
    internal HashSet<string> WeakConcepts { get; }

    /// <summary>
    /// Concepts that refer to the treatment without naming it ("after my session", "how many
    /// passes"): without an anchor, a message needs one of these, a context word or a number to be
    /// read as a microneedling question, so "what causes wrinkles" is not answered with a claim.
    /// Empty (no context entries): every message counts as in context.
    /// </summary>
    public IReadOnlySet<string> ContextConcepts { get; }

    /// <summary>Stems of words that point at the treatment under discussion ("does it hurt").</summary>
    public IReadOnlySet<string> ContextStems { get; }

    /// <summary>Every single word the vocabulary mentions, for spelling correction.</summary>
    internal HashSet<string> SurfaceWords { get; }

    /// <summary>An empty vocabulary (tests, synthetic catalogues).</summary>
    public static DomainVocabulary Empty { get; } = new([], [], [], [], [], [], [], [], []);

    public static DomainVocabulary Load(string path)
    {
        var errors = new List<ContentError>();
        var display = ContentPath.Display(path);
        var fields = new YamlFields(display, errors);
        YamlNode? root;
        try
        {
            using var reader = new StreamReader(path);
            root = fields.LoadDocument(reader);
        }
        catch (IOException ex)
        {
            throw new ContentException([new ContentError(display, 0, "", "cannot read the vocabulary: " + ex.Message)]);
        }
        var map = fields.Mapping(root, "");
        if (map is null) throw new ContentException(errors.Count > 0 ? errors : [new ContentError(display, 1, "", "expected a mapping")]);
        fields.RejectUnknownKeys(map, "", "synonyms", "stopwords", "anchors", "weak", "context", "context-words", "off-topic");

        var phrases = new Dictionary<string, List<(string[], string[])>>(StringComparer.Ordinal);
        var surface = new HashSet<string>(StringComparer.Ordinal);
        var concepts = new HashSet<string>(StringComparer.Ordinal);
        var entries = fields.MappingList(map, "synonyms", "synonyms");
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            fields.RejectUnknownKeys(entry, $"synonyms[{i}].", "means", "words");
            var means = fields.TextList(entry, "means", $"synonyms[{i}].means").Select(m => m.Value.ToLowerInvariant()).ToArray();
            if (means.Length == 0 && YamlFields.Child(entry, "means") is not null) fields.Error(entry, $"synonyms[{i}].means", "needs at least one concept");
            concepts.UnionWith(means);
            foreach (var (word, node) in fields.TextList(entry, "words", $"synonyms[{i}].words"))
            {
                var stems = StemAll(word, surface);
                if (stems.Length == 0)
                {
                    fields.Error(node, $"synonyms[{i}].words", $"'{word}' has no letters or digits");
                    continue;
                }
                Add(phrases, stems, means);
            }
        }
        foreach (var list in phrases.Values) list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));

        var stop = fields.TextList(map, "stopwords", "stopwords")
            .Select(s => { surface.UnionWith(Tokenizer.Tokenize(TextNormalizer.Normalize(s.Value)).Select(t => t.Text)); return Stemmer.Stem(TextNormalizer.Normalize(s.Value)); })
            .ToHashSet(StringComparer.Ordinal);
        var anchors = ConceptList(fields, map, "anchors", concepts);
        var weakConcepts = ConceptList(fields, map, "weak", concepts);
        var topic = new HashSet<string>(concepts.Except(weakConcepts), StringComparer.Ordinal);
        var contextConcepts = ConceptList(fields, map, "context", concepts, required: false);
        var contextStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, node) in fields.TextList(map, "context-words", "context-words", required: false))
        {
            var stems = StemAll(word, surface);
            if (stems.Length != 1) fields.Error(node, "context-words", $"'{word}' must be one word");
            else contextStems.Add(stems[0]);
        }
        var offTopic = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var (word, _) in fields.TextList(map, "off-topic", "off-topic"))
        {
            var stems = StemAll(word, surface);
            if (stems.Length == 0) continue;
            if (!offTopic.TryGetValue(stems[0], out var list)) offTopic[stems[0]] = list = [];
            list.Add(stems);
        }
        if (errors.Count > 0) throw new ContentException(errors);
        return new DomainVocabulary(phrases, stop, anchors, offTopic, surface, topic, weakConcepts, contextConcepts, contextStems);
    }

    /// <summary>A list of concept names under <paramref name="key"/>; each must be a concept some synonyms entry means.</summary>
    private static HashSet<string> ConceptList(YamlFields fields, YamlMappingNode map, string key, HashSet<string> concepts, bool required = true)
    {
        var list = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (concept, node) in fields.TextList(map, key, key, required))
        {
            if (!concepts.Contains(concept)) fields.Error(node, key, $"'{concept}' is not a concept named in any synonyms 'means'");
            list.Add(concept);
        }
        return list;
    }

    private static string[] StemAll(string phrase, HashSet<string> surface)
    {
        var tokens = Tokenizer.Tokenize(TextNormalizer.Normalize(phrase));
        foreach (var t in tokens) if (!t.IsNumber) surface.Add(t.Text);
        return tokens.Select(t => t.IsNumber ? t.Text : Stemmer.Stem(t.Text)).ToArray();
    }

    private static void Add(Dictionary<string, List<(string[], string[])>> phrases, string[] stems, string[] means)
    {
        if (!phrases.TryGetValue(stems[0], out var list)) phrases[stems[0]] = list = [];
        var existing = list.FindIndex(p => p.Item1.AsSpan().SequenceEqual(stems));
        if (existing >= 0)
            list[existing] = (stems, list[existing].Item2.Union(means).ToArray()); // a word listed in two groups means both
        else
            list.Add((stems, means));
    }
}
