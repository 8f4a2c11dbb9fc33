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
        var fit = new Descent(y, classes, x[0].Length);
        var logits = new float[classes];
        for (var it = 0; it < iterations; it++)
        {
            fit.ClearGradient();
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < classes; c++) logits[c] = TensorPrimitives.Dot(fit.W[c], x[i]) + fit.B[c];
                TensorPrimitives.SoftMax(logits, logits);
                var weight = fit.ClassWeight[y[i]];
                for (var c = 0; c < classes; c++)
                {
                    var err = (logits[c] - (c == y[i] ? 1f : 0f)) * weight;
                    if (err == 0) continue;
                    TensorPrimitives.MultiplyAdd(x[i], err, fit.GW[c], fit.GW[c]);
                    fit.GB[c] += err;
                }
            }
            fit.Step(n, l2);
        }
        return (fit.W, fit.B);
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
        var fit = new Descent(y, classes, dimensions);
        var logits = new float[classes];
        for (var it = 0; it < iterations; it++)
        {
            fit.ClearGradient();
            for (var i = 0; i < n; i++)
            {
                var v = Matching.WordProbe.Value(x[i].Length);
                for (var c = 0; c < classes; c++)
                {
                    var z = fit.B[c];
                    foreach (var f in x[i]) z += fit.W[c][f] * v;
                    logits[c] = z;
                }
                TensorPrimitives.SoftMax(logits, logits);
                var weight = fit.ClassWeight[y[i]];
                for (var c = 0; c < classes; c++)
                {
                    var err = (logits[c] - (c == y[i] ? 1f : 0f)) * weight;
                    foreach (var f in x[i]) fit.GW[c][f] += err * v;
                    fit.GB[c] += err;
                }
            }
            fit.Step(n, l2);
        }
        return (fit.W, fit.B);
    }

    /// <summary>The weights, their momentum and the gradient being summed; one step of gradient descent with momentum.</summary>
    private sealed class Descent
    {
        private const float Rate = 2f, Momentum = 0.9f;
        private readonly float[][] _vw;
        private readonly float[] _vb;

        public Descent(IReadOnlyList<int> y, int classes, int dimensions)
        {
            W = New(classes, dimensions);
            B = new float[classes];
            GW = New(classes, dimensions);
            GB = new float[classes];
            _vw = New(classes, dimensions);
            _vb = new float[classes];
            // Class weights balance the classes, so a claim with many phrasings is not favoured.
            var counts = new int[classes];
            foreach (var c in y) counts[c]++;
            ClassWeight = counts.Select(c => c == 0 ? 0f : (float)y.Count / (classes * c)).ToArray();
        }

        public float[][] W { get; }
        public float[] B { get; }
        public float[][] GW { get; }
        public float[] GB { get; }
        public float[] ClassWeight { get; }

        public void ClearGradient()
        {
            foreach (var g in GW) Array.Clear(g);
            Array.Clear(GB);
        }

        /// <summary>Moves every weight along the summed gradient of <paramref name="n"/> examples plus the L2 penalty.</summary>
        public void Step(int n, double l2)
        {
            for (var c = 0; c < W.Length; c++)
            {
                TensorPrimitives.Divide(GW[c], n, GW[c]);
                TensorPrimitives.MultiplyAdd(W[c], (float)l2, GW[c], GW[c]);
                TensorPrimitives.Multiply(_vw[c], Momentum, _vw[c]);
                TensorPrimitives.MultiplyAdd(GW[c], -Rate, _vw[c], _vw[c]);
                TensorPrimitives.Add(W[c], _vw[c], W[c]);
                _vb[c] = (Momentum * _vb[c]) - (Rate * GB[c] / n);
                B[c] += _vb[c];
            }
        }

        private static float[][] New(int rows, int columns) => Enumerable.Range(0, rows).Select(_ => new float[columns]).ToArray();
    }
}
