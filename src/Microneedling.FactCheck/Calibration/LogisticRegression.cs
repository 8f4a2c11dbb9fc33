namespace Microneedling.FactCheck.Calibration;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method on standardised features: a handful of
/// features and a few thousand rows, so an exact solve per step converges in a few iterations and
/// gives the same weights on every run (no learning rate, no random start).
/// </summary>
internal static class LogisticRegression
{
    public sealed record Fitted(double[] Mean, double[] Scale, double[] Weights, double Bias, double[] Min, double[] Max)
    {
        public double Probability(ReadOnlySpan<double> x)
        {
            var z = Bias;
            for (var i = 0; i < x.Length; i++) z += Weights[i] * (Math.Clamp(x[i], Min[i], Max[i]) - Mean[i]) / Scale[i];
            return 1 / (1 + Math.Exp(-z));
        }
    }

    /// <param name="rows">Feature rows.</param>
    /// <param name="labels">1 for a claim the question asks about, 0 otherwise.</param>
    /// <param name="l2">Penalty on the (standardised) weights, not on the bias.</param>
    /// <param name="maxIterations">Newton steps at most (it converges in far fewer).</param>
    public static Fitted Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, double l2 = 1.0, int maxIterations = 50)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var n = rows.Count;
        var d = rows[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            var variance = rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]));
            scale[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }
        // Column 0 is the bias.
        var x = rows.Select(r => new double[d + 1]).ToArray();
        for (var i = 0; i < n; i++)
        {
            x[i][0] = 1;
            for (var j = 0; j < d; j++) x[i][j + 1] = (rows[i][j] - mean[j]) / scale[j];
        }
        var w = new double[d + 1];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < n; i++)
            {
                var z = 0.0;
                for (var j = 0; j <= d; j++) z += w[j] * x[i][j];
                var p = 1 / (1 + Math.Exp(-z));
                var err = p - (labels[i] ? 1 : 0);
                var curvature = Math.Max(p * (1 - p), 1e-9);
                for (var j = 0; j <= d; j++)
                {
                    gradient[j] += err * x[i][j];
                    for (var k = 0; k <= j; k++) hessian[j, k] += curvature * x[i][j] * x[i][k];
                }
            }
            for (var j = 1; j <= d; j++)
            {
                gradient[j] += l2 * w[j];
                hessian[j, j] += l2;
            }
            for (var j = 0; j <= d; j++)
                for (var k = j + 1; k <= d; k++) hessian[j, k] = hessian[k, j];
            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var j = 0; j <= d; j++)
            {
                w[j] -= step[j];
                change = Math.Max(change, Math.Abs(step[j]));
            }
            if (change < 1e-8) break;
        }
        var min = Enumerable.Range(0, d).Select(j => rows.Min(r => r[j])).ToArray();
        var max = Enumerable.Range(0, d).Select(j => rows.Max(r => r[j])).ToArray();
        return new Fitted(mean, scale, w[1..], w[0], min, max);
    }

    // Gaussian elimination with partial pivoting; the regularised Hessian is positive definite.
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                (v[col], v[pivot]) = (v[pivot], v[col]);
            }
            var diag = m[col, col];
            if (Math.Abs(diag) < 1e-12) continue;
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / diag;
                if (f == 0) continue;
                for (var c = col; c < n; c++) m[r, c] -= f * m[col, c];
                v[r] -= f * v[col];
            }
        }
        var result = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var c = r + 1; c < n; c++) sum -= m[r, c] * result[c];
            result[r] = Math.Abs(m[r, r]) < 1e-12 ? 0 : sum / m[r, r];
        }
        return result;
    }
}
