using Microneedling.FactCheck.Matching;

namespace Microneedling.FactCheck.Calibration;

/// <summary>
/// Fits <see cref="BoostedTrees"/> on the logistic loss: each tree is grown on the gradients and
/// hessians of the trees before it (second-order gain with an L2 penalty on the leaves, as XGBoost and
/// LightGBM do), shrunk by the learning rate. Deterministic: exact splits over sorted values, ties broken
/// by feature order.
/// </summary>
public static class GradientBoosting
{
    /// <param name="x">One feature vector per example.</param>
    /// <param name="y">Whether each example is a positive.</param>
    /// <param name="names">The features' names (written into the model).</param>
    /// <param name="trees">Number of trees.</param>
    /// <param name="depth">Levels of splits per tree.</param>
    /// <param name="rate">Learning rate (shrinkage).</param>
    /// <param name="minLeaf">Fewest examples in a leaf: no split is made on a handful of questions.</param>
    /// <param name="lambda">L2 penalty on the leaf values.</param>
    public static BoostedTrees Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, IReadOnlyList<string> names,
        int trees = 150, int depth = 2, double rate = 0.1, int minLeaf = 10, double lambda = 1.0)
    {
        var n = x.Count;
        var positives = y.Count(v => v);
        // The prior's log-odds, kept away from infinity when a class is empty.
        var prior = Math.Clamp((positives + 0.5) / (n + 1.0), 1e-6, 1 - 1e-6);
        var baseScore = Math.Log(prior / (1 - prior));
        var score = Enumerable.Repeat(baseScore, n).ToArray();
        var g = new double[n];
        var h = new double[n];
        // Each feature's examples in ascending order, sorted once: a node keeps the order by filtering.
        var sorted = Enumerable.Range(0, names.Count)
            .Select(f => Enumerable.Range(0, n).OrderBy(i => x[i][f]).ThenBy(i => i).ToArray()).ToArray();
        var fitted = new List<BoostedTrees.Tree>();
        for (var t = 0; t < trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-score[i]));
                g[i] = p - (y[i] ? 1 : 0);
                h[i] = Math.Max(p * (1 - p), 1e-9);
            }
            var tree = new TreeBuilder(x, g, h, sorted, depth, minLeaf, lambda, rate).Build();
            fitted.Add(tree);
            for (var i = 0; i < n; i++) score[i] += tree.Value(x[i]);
        }
        return new BoostedTrees { Features = names, Base = baseScore, Trees = fitted };
    }

    private sealed class TreeBuilder(IReadOnlyList<double[]> x, double[] g, double[] h, int[][] sorted, int depth, int minLeaf, double lambda, double rate)
    {
        private readonly List<int> _feature = [];
        private readonly List<double> _threshold = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<double> _leaf = [];

        public BoostedTrees.Tree Build()
        {
            var all = new bool[x.Count];
            Array.Fill(all, true);
            Grow(all, depth);
            return new BoostedTrees.Tree { Feature = [.. _feature], Threshold = [.. _threshold], Left = [.. _left], Right = [.. _right], Leaf = [.. _leaf] };
        }

        private int Grow(bool[] member, int levels)
        {
            var node = _feature.Count;
            _feature.Add(-1);
            _threshold.Add(0);
            _left.Add(0);
            _right.Add(0);
            double gSum = 0, hSum = 0;
            var count = 0;
            for (var i = 0; i < member.Length; i++)
            {
                if (!member[i]) continue;
                gSum += g[i];
                hSum += h[i];
                count++;
            }
            _leaf.Add(-gSum / (hSum + lambda) * rate);
            if (levels == 0 || count < 2 * minLeaf) return node;

            var parent = gSum * gSum / (hSum + lambda);
            var (bestGain, bestFeature, bestThreshold) = (1e-9, -1, 0.0);
            for (var f = 0; f < sorted.Length; f++)
            {
                double gLeft = 0, hLeft = 0;
                var seen = 0;
                var previous = -1;
                foreach (var i in sorted[f])
                {
                    if (!member[i]) continue;
                    // A split between the previous example and this one, when their values differ.
                    if (previous >= 0 && seen >= minLeaf && count - seen >= minLeaf && x[previous][f] < x[i][f])
                    {
                        var gRight = gSum - gLeft;
                        var hRight = hSum - hLeft;
                        var gain = (gLeft * gLeft / (hLeft + lambda)) + (gRight * gRight / (hRight + lambda)) - parent;
                        if (gain > bestGain) (bestGain, bestFeature, bestThreshold) = (gain, f, (x[previous][f] + x[i][f]) / 2);
                    }
                    gLeft += g[i];
                    hLeft += h[i];
                    seen++;
                    previous = i;
                }
            }
            if (bestFeature < 0) return node;

            var left = new bool[member.Length];
            var right = new bool[member.Length];
            for (var i = 0; i < member.Length; i++)
            {
                if (!member[i]) continue;
                if (x[i][bestFeature] <= bestThreshold) left[i] = true;
                else right[i] = true;
            }
            _feature[node] = bestFeature;
            _threshold[node] = bestThreshold;
            _left[node] = Grow(left, levels - 1);
            _right[node] = Grow(right, levels - 1);
            return node;
        }
    }
}
