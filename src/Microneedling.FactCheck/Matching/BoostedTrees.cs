using System.Text.Json.Serialization;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// Gradient-boosted decision trees over named features giving a probability (logistic loss), fitted by
/// <c>calibrate</c> (half of the <see cref="DecisionModel"/>). Small trees (two levels) learn pairs of
/// features that matter together from the labelled questions. Trees compare raw feature values with thresholds, so a value beyond the fitted range is read as the
/// nearest fitted one, never extrapolated.
/// </summary>
public sealed record BoostedTrees
{
    [JsonPropertyName("features")]
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The log-odds every tree adds to.</summary>
    [JsonPropertyName("base")]
    public required double Base { get; init; }

    [JsonPropertyName("trees")]
    public required IReadOnlyList<Tree> Trees { get; init; }

    public double Probability(ReadOnlySpan<double> features) => 1 / (1 + Math.Exp(-Logit(features)));

    /// <summary>The log-odds behind <see cref="Probability"/>: the base and every tree's leaf.</summary>
    public double Logit(ReadOnlySpan<double> features)
    {
        var z = Base;
        foreach (var tree in Trees) z += tree.Value(features);
        return z;
    }

    /// <summary>
    /// One tree as parallel arrays over its nodes, the root first: a split node sends a value at or
    /// below its threshold to <see cref="Left"/>, above it to <see cref="Right"/>; a leaf (feature -1)
    /// holds the amount it adds (the learning rate already applied).
    /// </summary>
    public sealed record Tree
    {
        [JsonPropertyName("feature")]
        public required int[] Feature { get; init; }

        [JsonPropertyName("threshold")]
        public required double[] Threshold { get; init; }

        [JsonPropertyName("left")]
        public required int[] Left { get; init; }

        [JsonPropertyName("right")]
        public required int[] Right { get; init; }

        [JsonPropertyName("value")]
        public required double[] Leaf { get; init; }

        public double Value(ReadOnlySpan<double> features)
        {
            var node = 0;
            while (Feature[node] >= 0) node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            return Leaf[node];
        }

        /// <summary>Every array as long as the others, children after their parent (so no walk can loop), features known, numbers finite.</summary>
        internal string? Problem(int features)
        {
            if (Feature is null || Threshold is null || Left is null || Right is null || Leaf is null)
                return "needs feature, threshold, left, right and value arrays";
            var n = Feature.Length;
            if (n == 0 || Threshold.Length != n || Left.Length != n || Right.Length != n || Leaf.Length != n)
                return "needs feature, threshold, left, right and value arrays of one length, at least one node";
            for (var i = 0; i < n; i++)
            {
                if (Feature[i] < 0)
                {
                    if (!double.IsFinite(Leaf[i])) return $"node {i}: the value is not a finite number";
                    continue;
                }
                if (Feature[i] >= features) return $"node {i}: feature {Feature[i]} is not one of the {features}";
                if (!double.IsFinite(Threshold[i])) return $"node {i}: the threshold is not a finite number";
                if (Left[i] <= i || Left[i] >= n || Right[i] <= i || Right[i] >= n) return $"node {i}: children must come after it, within the tree";
            }
            return null;
        }
    }

    internal void Validate(string path, string name, IReadOnlyList<string> expected)
    {
        if (Features is null || !Features.SequenceEqual(expected))
            throw MatchModel.Error(path, name, "was fitted for other features; run `microneedling calibrate` to fit it again");
        if (!double.IsFinite(Base) || Trees is null)
            throw MatchModel.Error(path, name, "needs a finite base and a list of trees");
        for (var t = 0; t < Trees.Count; t++)
            if ((Trees[t] is null ? "is missing" : Trees[t].Problem(expected.Count)) is { } problem)
                throw MatchModel.Error(path, $"{name}.trees[{t}]", problem);
    }
}
