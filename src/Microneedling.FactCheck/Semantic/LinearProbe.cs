using System.Numerics.Tensors;
using System.Text.Json.Serialization;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// A linear classifier over sentence vectors, fitted by <c>calibrate</c> on the content itself (each
/// claim's statement and phrasings; each red-flag level's descriptions and calm sentences): the
/// probability of each class for a vector. It learns which directions of the embedding tell the
/// classes apart, where nearest-text similarity weighs every direction alike.
/// </summary>
public sealed record LinearProbe
{
    [JsonPropertyName("classes")]
    public required IReadOnlyList<string> Classes { get; init; }

    [JsonPropertyName("weights")]
    public required IReadOnlyList<float[]> Weights { get; init; }

    [JsonPropertyName("bias")]
    public required IReadOnlyList<float> Bias { get; init; }

    /// <summary>The probability of every class (softmax), in <see cref="Classes"/> order.</summary>
    public float[] Probabilities(ReadOnlySpan<float> vector)
    {
        var p = new float[Classes.Count];
        for (var c = 0; c < p.Length; c++) p[c] = TensorPrimitives.Dot(Weights[c], vector) + Bias[c];
        TensorPrimitives.SoftMax(p, p);
        return p;
    }

    internal void Validate(string path, string name)
    {
        if (Classes is null || Weights is null || Bias is null || Classes.Count == 0 || Weights.Count != Classes.Count || Bias.Count != Classes.Count)
            throw Matching.MatchModel.Error(path, name, "needs one weight vector and one bias per class");
        if (Weights.Any(w => w is null || w.Length != SentenceEncoder.Dimensions || w.Any(x => !float.IsFinite(x))) || Bias.Any(x => !float.IsFinite(x)))
            throw Matching.MatchModel.Error(path, name, $"weights must be {SentenceEncoder.Dimensions} finite numbers per class");
    }
}
