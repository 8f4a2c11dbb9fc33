using System.Text.Json.Serialization;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// A linear classifier over the words of a message (its analysed terms: concepts, stems, quantity
/// kinds), fitted by <c>calibrate</c> beside the claim probe on the same texts and questions: the
/// probability of each class (the claims, then out of scope) from which words are present. The sentence
/// vector weighs meaning as the sentence model learnt it elsewhere; this learns from our own labelled
/// questions which words tell our claims apart ("roommate" points at sharing a roller, "accutane" at
/// isotretinoin), the evidence a bag-of-words classifier is good at and mean-pooled embeddings blur.
/// </summary>
public sealed record WordProbe
{
    /// <summary>The terms it knows, in weight order; any other term is ignored.</summary>
    [JsonPropertyName("terms")]
    public required IReadOnlyList<string> Terms { get; init; }

    [JsonPropertyName("classes")]
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Per class, one weight per term.</summary>
    [JsonPropertyName("weights")]
    public required IReadOnlyList<float[]> Weights { get; init; }

    [JsonPropertyName("bias")]
    public required IReadOnlyList<float> Bias { get; init; }

    private Dictionary<string, int>? _index;

    private Dictionary<string, int> Index => _index ??= Terms.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);

    /// <summary>The known terms of a text, each once: the input the probe reads (and is fitted on).</summary>
    public int[] Features(IEnumerable<string> terms) => Features(terms, Index);

    /// <summary>The indices of the known terms, each once, in a stable order.</summary>
    internal static int[] Features(IEnumerable<string> terms, IReadOnlyDictionary<string, int> index)
    {
        var seen = new SortedSet<int>();
        foreach (var term in terms)
            if (index.TryGetValue(term, out var i)) seen.Add(i);
        return [.. seen];
    }

    /// <summary>The value of each present term: the input has unit length, as the sentence vectors do.</summary>
    internal static float Value(int present) => present == 0 ? 0 : 1 / MathF.Sqrt(present);

    /// <summary>The probability of every class (softmax), in <see cref="Classes"/> order.</summary>
    public float[] Probabilities(IEnumerable<string> terms) => Probabilities(Features(terms));

    internal float[] Probabilities(int[] features)
    {
        var p = new float[Classes.Count];
        var v = Value(features.Length);
        for (var c = 0; c < p.Length; c++)
        {
            var z = Bias[c];
            var w = Weights[c];
            foreach (var f in features) z += w[f] * v;
            p[c] = z;
        }
        System.Numerics.Tensors.TensorPrimitives.SoftMax(p, p);
        return p;
    }

    internal void Validate(string path, string name, IReadOnlyList<string> classes)
    {
        if (Terms is null || Classes is null || Weights is null || Bias is null)
            throw MatchModel.Error(path, name, "needs terms, classes, weights and bias");
        if (!Classes.SequenceEqual(classes))
            throw MatchModel.Error(path, name, $"must have the classes {string.Join(", ", classes)}; run `microneedling calibrate` to fit it again");
        if (Terms.Any(string.IsNullOrEmpty) || Terms.Distinct(StringComparer.Ordinal).Count() != Terms.Count)
            throw MatchModel.Error(path, name, "terms must be distinct and not empty");
        if (Weights.Count != Classes.Count || Bias.Count != Classes.Count)
            throw MatchModel.Error(path, name, "needs one weight list and one bias per class");
        if (Weights.Any(w => w is null || w.Length != Terms.Count || w.Any(x => !float.IsFinite(x))) || Bias.Any(x => !float.IsFinite(x)))
            throw MatchModel.Error(path, name, $"weights must be {Terms.Count} finite numbers per class (one per term)");
    }
}
