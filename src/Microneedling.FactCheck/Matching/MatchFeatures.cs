namespace Microneedling.FactCheck.Matching;

/// <summary>
/// What the calibrated model weighs for one claim and one message: dense similarity (the closest claim
/// text, the two closest, the answer; its lead over the other claims; the best single sentence), the
/// lexical evidence (score, coverage, phrasing overlap, its lead, a rule for a number in the message, a
/// shared topic) and what the message is like (names microneedling, points at the treatment, names
/// another treatment, how much it says: the tokens of its different words). The names are written into the fitted model so an engine never
/// reads weights meant for other features.
/// </summary>
internal static class MatchFeatures
{
    public static readonly string[] Names =
    [
        "dense_best", "dense_top2", "dense_top3", "dense_centroid", "dense_answer", "dense_neighbours", "dense_margin", "dense_is_top",
        "sentence_best", "sentence_margin",
        "lex_score", "lex_coverage", "lex_phrasing", "lex_margin", "lex_is_top", "lex_none",
        "quantity_rule", "topic", "anchor", "context", "off_topic",
        "log_tokens", "several_sentences",
        "dense_best_x_anchor", "dense_margin_x_lex_margin",
        "probe", "probe_margin", "probe_sentence", "probe_out_of_scope",
        "word_probe", "word_probe_margin", "word_probe_sentence", "word_probe_out_of_scope",
    ];

    public static int Count => Names.Length;

    private static readonly Dictionary<string, int> Positions = Names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);

    public static int Index(string name) => Positions[name];

    /// <param name="whole">The message read whole.</param>
    /// <param name="sentences">Its sentences read one by one (empty when it has one).</param>
    /// <param name="claim">The claim's index.</param>
    /// <param name="probe">The claim probe's reading of the message (<see cref="ProbeScores"/>).</param>
    public static double[] For(Reading whole, IReadOnlyList<Reading> sentences, int claim, ProbeScores probe)
    {
        var dense = whole.Dense[claim];
        var lexical = whole.Lexical[claim];
        var denseMargin = Reading.Margin(dense.Best, claim, whole.BestDense);
        var lexScore = Math.Min(1.5, lexical?.Raw ?? 0);
        var lexMargin = Reading.Margin(lexical?.Raw ?? 0, claim, whole.BestLexical);
        double sentenceBest = dense.Best, sentenceMargin = denseMargin;
        foreach (var s in sentences)
        {
            var best = s.Dense[claim].Best;
            if (best <= sentenceBest) continue;
            sentenceBest = best;
            sentenceMargin = Reading.Margin(best, claim, s.BestDense);
        }
        var analyzed = whole.Analyzed;
        double anchor = analyzed.HasAnchor ? 1 : 0;
        return
        [
            dense.Best, dense.TopTwo, dense.TopThree, dense.Centroid, dense.Answer, dense.NeighbourShare, denseMargin, whole.BestDense.Claim == claim ? 1 : 0,
            sentenceBest, sentenceMargin,
            lexScore, lexical?.Coverage ?? 0, lexical?.Phrasing ?? 0, Math.Clamp(lexMargin, -1, 1), whole.BestLexical.Claim == claim && lexical is not null ? 1 : 0, lexical is null ? 1 : 0,
            lexical?.HasQuantityRule == true ? 1 : 0, lexical?.HasTopic == true ? 1 : 0, anchor, analyzed.HasContext ? 1 : 0, analyzed.HasOffTopic ? 1 : 0,
            Math.Log(Math.Max(1, whole.Tokens)), sentences.Count > 1 ? 1 : 0,
            dense.Best * anchor, denseMargin * Math.Clamp(lexMargin, -1, 1),
            probe.Whole[claim], probe.Whole[claim] - probe.BestOther(claim), probe.SentenceBest[claim], probe.OutOfScope,
            probe.Words[claim], probe.Words[claim] - probe.BestOtherWords(claim), probe.WordsSentenceBest[claim], probe.WordsOutOfScope,
        ];
    }
}

/// <summary>
/// The probes' probabilities for one message: per claim for the whole message and the best over its
/// sentences, and the out-of-scope class's for the whole; by the sentence vectors (the claim probe) and
/// by the words (the word probe).
/// </summary>
internal sealed record ProbeScores(double[] Whole, double[] SentenceBest, double OutOfScope, double[] Words, double[] WordsSentenceBest, double WordsOutOfScope)
{
    private readonly (double First, double Second, int Claim) _top = Top(Whole);
    private readonly (double First, double Second, int Claim) _topWords = Top(Words);

    public double BestOther(int claim) => _top.Claim == claim ? _top.Second : _top.First;

    public double BestOtherWords(int claim) => _topWords.Claim == claim ? _topWords.Second : _topWords.First;

    private static (double, double, int) Top(double[] values)
    {
        double first = 0, second = 0;
        var at = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > first) (first, second, at) = (values[i], first, i);
            else if (values[i] > second) second = values[i];
        }
        return (first, second, at);
    }
}
