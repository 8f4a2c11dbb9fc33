using YamlDotNet.RepresentationModel;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Messages the claims do not answer (content/out-of-scope.yaml): neighbouring topics and everyday
/// messages that share words with microneedling in another sense. A message closer to these than to
/// any claim is one to decline; how much that weighs is the decision model's (fitted) business.
/// </summary>
public sealed class OutOfScopeExamples
{
    public const string FileName = "out-of-scope.yaml";

    private readonly float[][] _vectors;

    private OutOfScopeExamples(IReadOnlyList<string> examples, float[][] vectors)
    {
        Examples = examples;
        _vectors = vectors;
    }

    public IReadOnlyList<string> Examples { get; }

    public IReadOnlyList<float[]> Vectors => _vectors;

    /// <summary>Loads and validates the file (topics: - id, examples: [...]); throws <see cref="ContentException"/> naming file:line.</summary>
    public static IReadOnlyList<string> Read(string path)
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
        catch (IOException e)
        {
            throw new ContentException([new ContentError(display, 0, "", "cannot read the out-of-scope examples: " + e.Message)]);
        }
        var examples = new List<string>();
        if (fields.Mapping(root, "") is { } map)
        {
            fields.RejectUnknownKeys(map, "", "topics");
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var topics = fields.MappingList(map, "topics", "topics");
            for (var i = 0; i < topics.Count; i++)
            {
                var field = $"topics[{i}]";
                fields.RejectUnknownKeys(topics[i], field + ".", "id", "examples");
                if (fields.Text(topics[i], "id", field + ".id") is { } id && !ids.Add(id))
                    fields.Error(topics[i], field + ".id", $"duplicate topic id '{id}'");
                var list = fields.TextList(topics[i], "examples", field + ".examples");
                if (list.Count == 0 && YamlFields.Child(topics[i], "examples") is { } node) fields.Error(node, field + ".examples", "needs at least one example");
                examples.AddRange(list.Select(e => e.Value));
            }
        }
        if (errors.Count > 0) throw new ContentException(errors);
        return examples;
    }

    public static OutOfScopeExamples Embed(IReadOnlyList<string> examples, SentenceEncoder encoder, VectorCache cache) =>
        new(examples, examples.Count == 0 ? [] : cache.GetOrEncode(examples, encoder));
}
