using Microneedling.FactCheck.Semantic;

namespace Microneedling.FactCheck.Tests.Engine;

public sealed class VectorMatrixTests
{
    private const int D = SentenceEncoder.Dimensions;

    private static float[][] UnitVectors(int count, int seed)
    {
        var random = new Random(seed);
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var v = new float[D];
            double norm = 0;
            for (var d = 0; d < D; d++)
            {
                v[d] = (float)((random.NextDouble() * 2) - 1);
                norm += (double)v[d] * v[d];
            }
            for (var d = 0; d < D; d++) v[d] = (float)(v[d] / Math.Sqrt(norm));
            result[i] = v;
        }
        return result;
    }

    private static double Dot(float[] a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var d = 0; d < a.Length; d++) sum += (double)a[d] * b[d];
        return sum;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    public void Scores_equal_naive_dot_products(int queries)
    {
        var rows = UnitVectors(37, seed: 11);
        var q = UnitVectors(queries, seed: 100 + queries);
        var scores = new VectorMatrix(rows).Scores(q);
        Assert.Equal(queries, scores.Length);
        for (var i = 0; i < queries; i++)
        {
            Assert.Equal(rows.Length, scores[i].Length);
            for (var r = 0; r < rows.Length; r++)
                Assert.True(Math.Abs(scores[i][r] - Dot(q[i], rows[r])) < 1e-5, $"query {i}, row {r}: {scores[i][r]} vs {Dot(q[i], rows[r])}");
        }
    }

    [Fact]
    public void A_query_scores_the_same_whichever_group_of_four_it_falls_in()
    {
        var rows = UnitVectors(20, seed: 5);
        var q = UnitVectors(9, seed: 6);
        var matrix = new VectorMatrix(rows);
        var together = matrix.Scores(q);
        for (var i = 0; i < q.Length; i++)
        {
            var alone = matrix.Scores([q[i]])[0];
            for (var r = 0; r < rows.Length; r++) Assert.Equal(alone[r], together[i][r], 5);
        }
    }

    [Fact]
    public void A_row_scores_one_against_itself()
    {
        var rows = UnitVectors(6, seed: 7);
        var scores = new VectorMatrix(rows).Scores(rows);
        for (var i = 0; i < rows.Length; i++) Assert.Equal(1f, scores[i][i], 4);
    }

    [Fact]
    public void Rows_are_kept_as_given()
    {
        var rows = UnitVectors(3, seed: 8);
        var matrix = new VectorMatrix(rows);
        Assert.Equal(3, matrix.Count);
        for (var r = 0; r < rows.Length; r++) Assert.Equal(rows[r], matrix.Row(r).ToArray());
    }

    [Fact]
    public void No_queries_give_no_scores_and_no_rows_give_empty_rows()
    {
        Assert.Empty(new VectorMatrix(UnitVectors(4, seed: 9)).Scores([]));
        var empty = new VectorMatrix([]).Scores(UnitVectors(5, seed: 10));
        Assert.Equal(5, empty.Length);
        Assert.All(empty, s => Assert.Empty(s));
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new VectorMatrix([new float[D], new float[D - 1]]));
        Assert.Contains("row 1", ex.Message, StringComparison.Ordinal);
    }
}
