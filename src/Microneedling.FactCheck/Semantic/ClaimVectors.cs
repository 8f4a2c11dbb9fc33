using System.Numerics.Tensors;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Every claim's texts as sentence vectors: the statement and each phrasing (questions as people ask
/// them), their normalised mean (the claim's centre, which a lucky phrasing cannot move much), and the
/// answer (what a statement-like message may echo). Read-only after construction.
/// </summary>
public sealed class ClaimVectors
{
    /// <summary>Nearest claim texts over all claims whose owners are counted (<see cref="DenseSimilarity.NeighbourShare"/>).</summary>
    public const int Neighbours = 10;

    private readonly float[][] _texts;
    private readonly int[] _owner;
    private readonly float[][] _centroids;
    private readonly float[][] _answers;

    public ClaimVectors(IReadOnlyList<Claim> claims, SentenceEncoder encoder, VectorCache cache)
    {
        var texts = new List<string>();
        var owner = new List<int>();
        for (var c = 0; c < claims.Count; c++)
        {
            foreach (var text in claims[c].Phrasings.Prepend(claims[c].Statement))
            {
                texts.Add(text);
                owner.Add(c);
            }
        }
        var answerStart = texts.Count;
        texts.AddRange(claims.Select(c => c.Answer));
        var vectors = cache.GetOrEncode(texts, encoder);
        _texts = vectors[..answerStart];
        _owner = [.. owner];
        _answers = vectors[answerStart..];
        _centroids = new float[claims.Count][];
        for (var c = 0; c < claims.Count; c++)
        {
            var sum = new float[SentenceEncoder.Dimensions];
            for (var t = 0; t < _texts.Length; t++)
                if (_owner[t] == c) TensorPrimitives.Add(sum, _texts[t], sum);
            var norm = TensorPrimitives.Norm(sum);
            if (norm > 0) TensorPrimitives.Divide(sum, norm, sum);
            _centroids[c] = sum;
        }
    }

    public int ClaimCount => _centroids.Length;

    /// <summary>Every claim text's vector (statements and phrasings), for detectors that compare against questions people ask.</summary>
    public IReadOnlyList<float[]> TextVectors => _texts;

    /// <summary>How alike two claims are: the cosine of their centres.</summary>
    public float Alike(int a, int b) => TensorPrimitives.Dot(_centroids[a], _centroids[b]);

    /// <summary>The claim (index) each of <see cref="TextVectors"/> belongs to.</summary>
    public IReadOnlyList<int> TextOwners => _owner;

    /// <summary>The answers' vectors, one per claim.</summary>
    public IReadOnlyList<float[]> AnswerVectors => _answers;

    /// <summary>The claims' centres, one per claim.</summary>
    public IReadOnlyList<float[]> CentroidVectors => _centroids;

    /// <summary>How close a message (or sentence) is to every claim, from its row of <see cref="ContentIndex"/> scores.</summary>
    public DenseSimilarity[] Similarities(float[] scores, ContentIndex index)
    {
        var n = ClaimCount;
        var best = new float[n];
        var second = new float[n];
        var third = new float[n];
        Array.Fill(best, -1);
        Array.Fill(second, -1);
        Array.Fill(third, -1);
        Span<float> nearest = stackalloc float[Neighbours];
        Span<int> nearestOwner = stackalloc int[Neighbours];
        nearest.Fill(float.NegativeInfinity);
        var texts = scores.AsSpan(index.ClaimTexts);
        for (var t = 0; t < texts.Length; t++)
        {
            var s = texts[t];
            var c = _owner[t];
            if (s > best[c]) (best[c], second[c], third[c]) = (s, best[c], second[c]);
            else if (s > second[c]) (second[c], third[c]) = (s, second[c]);
            else if (s > third[c]) third[c] = s;
            if (s > nearest[Neighbours - 1])
            {
                var i = Neighbours - 1;
                while (i > 0 && nearest[i - 1] < s)
                {
                    nearest[i] = nearest[i - 1];
                    nearestOwner[i] = nearestOwner[i - 1];
                    i--;
                }
                nearest[i] = s;
                nearestOwner[i] = c;
            }
        }
        var share = new int[n];
        for (var i = 0; i < Neighbours; i++)
            if (!float.IsNegativeInfinity(nearest[i])) share[nearestOwner[i]]++;
        var answers = scores.AsSpan(index.Answers);
        var centroids = scores.AsSpan(index.Centroids);
        var result = new DenseSimilarity[n];
        for (var c = 0; c < n; c++)
        {
            var s2 = second[c] < 0 ? best[c] : second[c];
            var s3 = third[c] < 0 ? s2 : third[c];
            result[c] = new DenseSimilarity(best[c], (best[c] + s2) / 2, (best[c] + s2 + s3) / 3, centroids[c], answers[c], (float)share[c] / Neighbours);
        }
        return result;
    }
}

/// <summary>
/// Cosine similarities of a message to one claim: its closest text, the mean of its two and three
/// closest (one lucky phrasing counts less), its centre, its answer; and the share of the message's ten
/// nearest claim texts (over all claims) that are this claim's.
/// </summary>
public readonly record struct DenseSimilarity(float Best, float TopTwo, float TopThree, float Centroid, float Answer, float NeighbourShare);
