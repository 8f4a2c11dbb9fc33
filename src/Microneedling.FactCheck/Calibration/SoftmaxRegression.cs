using System.Numerics.Tensors;

namespace Microneedling.FactCheck.Calibration;

/// <summary>
/// Multinomial logistic regression on sentence vectors (a linear probe): which class — a claim, or a
/// red-flag level — a vector belongs to, fitted by full-batch gradient descent with momentum and an L2
/// penalty. Deterministic (zero start, fixed steps), so the same content gives the same weights.
/// </summary>
internal static class SoftmaxRegression
{
    /// <param name="x">Unit-length vectors.</param>
    /// <param name="y">Each vector's class, 0 to <paramref name="classes"/> - 1.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="l2">Penalty on the weights (not the biases), per example.</param>
    /// <param name="iterations">Gradient steps.</param>
    public static (float[][] Weights, float[] Bias) Fit(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int classes, double l2 = 1e-3, int iterations = 300)
    {
        var n = x.Count;
        var d = x[0].Length;
        var w = Enumerable.Range(0, classes).Select(_ => new float[d]).ToArray();
        var b = new float[classes];
        var vw = Enumerable.Range(0, classes).Select(_ => new float[d]).ToArray();
        var vb = new float[classes];
        // Class weights balance the classes, so a claim with many phrasings is not favoured.
        var counts = new int[classes];
        foreach (var c in y) counts[c]++;
        var classWeight = counts.Select(c => c == 0 ? 0f : (float)n / (classes * c)).ToArray();
        const float rate = 2f, momentum = 0.9f;
        var logits = new float[classes];
        for (var it = 0; it < iterations; it++)
        {
            var gw = Enumerable.Range(0, classes).Select(_ => new float[d]).ToArray();
            var gb = new float[classes];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < classes; c++) logits[c] = TensorPrimitives.Dot(w[c], x[i]) + b[c];
                TensorPrimitives.SoftMax(logits, logits);
                var weight = classWeight[y[i]];
                for (var c = 0; c < classes; c++)
                {
                    var err = (logits[c] - (c == y[i] ? 1f : 0f)) * weight;
                    if (err == 0) continue;
                    TensorPrimitives.MultiplyAdd(x[i], err, gw[c], gw[c]);
                    gb[c] += err;
                }
            }
            for (var c = 0; c < classes; c++)
            {
                TensorPrimitives.Divide(gw[c], n, gw[c]);
                TensorPrimitives.MultiplyAdd(w[c], (float)l2, gw[c], gw[c]);
                TensorPrimitives.Multiply(vw[c], momentum, vw[c]);
                TensorPrimitives.MultiplyAdd(gw[c], -rate, vw[c], vw[c]);
                TensorPrimitives.Add(w[c], vw[c], w[c]);
                vb[c] = (momentum * vb[c]) - (rate * gb[c] / n);
                b[c] += vb[c];
            }
        }
        return (w, b);
    }

    /// <summary>
    /// The same fit for sparse inputs: each example is the set of features present (indices below
    /// <paramref name="dimensions"/>), each worth <see cref="Matching.WordProbe.Value"/> so the input has
    /// unit length. Only the present features' weights are touched per example, so thousands of terms cost
    /// what ten do.
    /// </summary>
    public static (float[][] Weights, float[] Bias) FitSparse(IReadOnlyList<int[]> x, IReadOnlyList<int> y, int classes, int dimensions, double l2 = 1e-3, int iterations = 300)
    {
        var n = x.Count;
        var w = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
        var b = new float[classes];
        var vw = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
        var vb = new float[classes];
        var gw = Enumerable.Range(0, classes).Select(_ => new float[dimensions]).ToArray();
        var gb = new float[classes];
        var counts = new int[classes];
        foreach (var c in y) counts[c]++;
        var classWeight = counts.Select(c => c == 0 ? 0f : (float)n / (classes * c)).ToArray();
        const float rate = 2f, momentum = 0.9f;
        var logits = new float[classes];
        for (var it = 0; it < iterations; it++)
        {
            foreach (var g in gw) Array.Clear(g);
            Array.Clear(gb);
            for (var i = 0; i < n; i++)
            {
                var v = Matching.WordProbe.Value(x[i].Length);
                for (var c = 0; c < classes; c++)
                {
                    var z = b[c];
                    foreach (var f in x[i]) z += w[c][f] * v;
                    logits[c] = z;
                }
                TensorPrimitives.SoftMax(logits, logits);
                var weight = classWeight[y[i]];
                for (var c = 0; c < classes; c++)
                {
                    var err = (logits[c] - (c == y[i] ? 1f : 0f)) * weight;
                    foreach (var f in x[i]) gw[c][f] += err * v;
                    gb[c] += err;
                }
            }
            for (var c = 0; c < classes; c++)
            {
                TensorPrimitives.Divide(gw[c], n, gw[c]);
                TensorPrimitives.MultiplyAdd(w[c], (float)l2, gw[c], gw[c]);
                TensorPrimitives.Multiply(vw[c], momentum, vw[c]);
                TensorPrimitives.MultiplyAdd(gw[c], -rate, vw[c], vw[c]);
                TensorPrimitives.Add(w[c], vw[c], w[c]);
                vb[c] = (momentum * vb[c]) - (rate * gb[c] / n);
                b[c] += vb[c];
            }
        }
        return (w, b);
    }
}
