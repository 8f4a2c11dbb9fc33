using Microneedling.FactCheck.Semantic;
using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// One way of reading a message — the whole of it, or one of its sentences — with the evidence for
/// every claim on both sides: lexical scores (null where no term is shared) and dense similarities.
/// </summary>
internal sealed class Reading
{
    public Reading(AnalyzedText analyzed, LexicalScore?[] lexical, DenseSimilarity[] dense, int tokens, float[] vector, float[] scores)
    {
        Vector = vector;
        Scores = scores;
        Analyzed = analyzed;
        Lexical = lexical;
        Dense = dense;
        Tokens = tokens;
        BestDense = Top2(dense.Select(d => (double)d.Best).ToArray());
        BestLexical = Top2(lexical.Select(l => l?.Raw ?? 0).ToArray());
    }

    public AnalyzedText Analyzed { get; }

    /// <summary>The reading's sentence vector.</summary>
    public float[] Vector { get; }

    /// <summary>Its similarity to every content vector (<see cref="Semantic.ContentIndex"/> rows).</summary>
    public float[] Scores { get; }

    public LexicalScore?[] Lexical { get; }

    public DenseSimilarity[] Dense { get; }

    /// <summary>WordPiece tokens of the reading's different words (<see cref="DifferentWords"/>).</summary>
    public int Tokens { get; }

    /// <summary>
    /// The text's words, each once, in the order they first come: what the person said, not how long it
    /// is. "pizza" typed a thousand times says one word, and a model that learnt "longer posts are usually
    /// about the treatment" must not read it as a long post.
    /// </summary>
    public static string DifferentWords(string text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return string.Join(' ', Tokenizer.Tokenize(text).Select(t => t.Text).Where(seen.Add));
    }

    /// <summary>The best and second-best closest-text similarity over all claims, and which claim is best.</summary>
    public (double First, double Second, int Claim) BestDense { get; }

    public (double First, double Second, int Claim) BestLexical { get; }

    /// <summary>How far a claim's value is above the best of the others (negative when another is ahead).</summary>
    public static double Margin(double value, int claim, (double First, double Second, int Claim) best) =>
        value - (best.Claim == claim ? best.Second : best.First);

    private static (double, double, int) Top2(double[] values)
    {
        double first = double.NegativeInfinity, second = double.NegativeInfinity;
        var at = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > first) (first, second, at) = (values[i], first, i);
            else if (values[i] > second) second = values[i];
        }
        if (at < 0) return (0, 0, -1);
        return (first, double.IsNegativeInfinity(second) ? 0 : second, at);
    }
}
