using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Vectors stored row after row in one array, scored against several query vectors in one pass: a
/// message's whole and sentence vectors are compared with every content text at once, so each row is
/// read from memory once per message instead of once per sentence (arrays of arrays cost a cache miss
/// per row; measured, the similarity passes took a quarter of a long message's time before).
/// </summary>
public sealed class VectorMatrix
{
    private readonly float[] _data;

    public VectorMatrix(IReadOnlyList<float[]> rows)
    {
        Count = rows.Count;
        _data = new float[Count * SentenceEncoder.Dimensions];
        for (var r = 0; r < Count; r++)
        {
            if (rows[r].Length != SentenceEncoder.Dimensions) throw new ArgumentException($"row {r} is not a {SentenceEncoder.Dimensions}-dimensional vector", nameof(rows));
            rows[r].CopyTo(_data, r * SentenceEncoder.Dimensions);
        }
    }

    public int Count { get; }

    public ReadOnlySpan<float> Row(int r) => _data.AsSpan(r * SentenceEncoder.Dimensions, SentenceEncoder.Dimensions);

    /// <summary>The dot product of every row with every query: result[q][r].</summary>
    public float[][] Scores(IReadOnlyList<float[]> queries)
    {
        var result = new float[queries.Count][];
        for (var q = 0; q < queries.Count; q++) result[q] = new float[Count];
        const int d = SentenceEncoder.Dimensions;
        var q0 = 0;
        // Four queries per pass over the rows: each row is loaded once for all four.
        for (; q0 + 4 <= queries.Count; q0 += 4)
        {
            ReadOnlySpan<float> a = queries[q0], b = queries[q0 + 1], c = queries[q0 + 2], e = queries[q0 + 3];
            for (var r = 0; r < Count; r++)
            {
                var row = _data.AsSpan(r * d, d);
                var (sa, sb, sc, se) = Dot4(row, a, b, c, e);
                result[q0][r] = sa;
                result[q0 + 1][r] = sb;
                result[q0 + 2][r] = sc;
                result[q0 + 3][r] = se;
            }
        }
        for (; q0 < queries.Count; q0++)
        {
            ReadOnlySpan<float> query = queries[q0];
            var output = result[q0];
            var r = 0;
            // Four rows per step: the query is loaded once for all four.
            for (; r + 4 <= Count; r += 4)
            {
                var (s0, s1, s2, s3) = Dot4(query, _data.AsSpan(r * d, d), _data.AsSpan((r + 1) * d, d), _data.AsSpan((r + 2) * d, d), _data.AsSpan((r + 3) * d, d));
                output[r] = s0;
                output[r + 1] = s1;
                output[r + 2] = s2;
                output[r + 3] = s3;
            }
            for (; r < Count; r++) output[r] = TensorPrimitives.Dot(_data.AsSpan(r * d, d), query);
        }
        return result;
    }

    /// <summary>The dot products of one vector with four others.</summary>
    private static (float, float, float, float) Dot4(ReadOnlySpan<float> row, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> e)
    {
        if (!Vector256.IsHardwareAccelerated)
            return (TensorPrimitives.Dot(row, a), TensorPrimitives.Dot(row, b), TensorPrimitives.Dot(row, c), TensorPrimitives.Dot(row, e));
        Vector256<float> sa = default, sb = default, sc = default, se = default;
        for (var i = 0; i < row.Length; i += Vector256<float>.Count)
        {
            var x = Vector256.Create(row.Slice(i, Vector256<float>.Count));
            sa = Vector256.FusedMultiplyAdd(x, Vector256.Create(a.Slice(i, Vector256<float>.Count)), sa);
            sb = Vector256.FusedMultiplyAdd(x, Vector256.Create(b.Slice(i, Vector256<float>.Count)), sb);
            sc = Vector256.FusedMultiplyAdd(x, Vector256.Create(c.Slice(i, Vector256<float>.Count)), sc);
            se = Vector256.FusedMultiplyAdd(x, Vector256.Create(e.Slice(i, Vector256<float>.Count)), se);
        }
        return (Vector256.Sum(sa), Vector256.Sum(sb), Vector256.Sum(sc), Vector256.Sum(se));
    }
}
