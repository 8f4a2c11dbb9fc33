namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Every content vector the engine compares messages with, in one <see cref="VectorMatrix"/>: claim texts,
/// claim answers and centres, out-of-scope examples, and each red-flag sign's danger and calm
/// descriptions, then the shared calm ones. One pass scores a message's whole and sentence vectors
/// against all of them; the matcher and triage read their parts of the result.
/// </summary>
public sealed class ContentIndex
{
    private readonly VectorMatrix _matrix;

    public ContentIndex(ClaimVectors claims, OutOfScopeExamples outOfScope, SemanticTriage triage)
    {
        var rows = new List<float[]>();
        Range Add(IReadOnlyList<float[]> vectors)
        {
            var start = rows.Count;
            rows.AddRange(vectors);
            return new Range(start, rows.Count);
        }
        ClaimTexts = Add(claims.TextVectors);
        Answers = Add(claims.AnswerVectors);
        Centroids = Add(claims.CentroidVectors);
        OutOfScope = Add(outOfScope.Vectors);
        Danger = triage.DangerVectors.Select(Add).ToArray();
        Calm = triage.CalmVectors.Select(Add).ToArray();
        SharedCalm = Add(triage.SharedCalmVectors);
        _matrix = new VectorMatrix(rows);
    }

    public Range ClaimTexts { get; }

    public Range Answers { get; }

    public Range Centroids { get; }

    public Range OutOfScope { get; }

    /// <summary>Each red-flag sign's danger descriptions, in <see cref="Triage.RedFlagTriage.Descriptions"/> order.</summary>
    public Range[] Danger { get; }

    /// <summary>Each sign's calm near misses.</summary>
    public Range[] Calm { get; }

    public Range SharedCalm { get; }

    public int Count => _matrix.Count;

    /// <summary>Similarities of each vector to every content vector: result[vector][row].</summary>
    public float[][] Scores(IReadOnlyList<float[]> vectors) => _matrix.Scores(vectors);

    /// <summary>The highest similarity within a part of a score row (-1 when the part is empty).</summary>
    public static float Max(float[] scores, Range part)
    {
        var span = scores.AsSpan(part);
        return span.Length == 0 ? -1 : System.Numerics.Tensors.TensorPrimitives.Max(span);
    }
}
