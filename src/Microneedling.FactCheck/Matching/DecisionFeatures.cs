namespace Microneedling.FactCheck.Matching;

/// <summary>
/// What the decision model weighs to say whether the ranker's best claim is right: the ranker's
/// probabilities for the best and the runner-up (and the gap), the best claim's dense and lexical
/// evidence and lead, and what the message is like.
/// </summary>
internal static class DecisionFeatures
{
    public static readonly string[] Names =
    [
        "p1", "p2", "p_gap", "p1_logit",
        "dense_best", "dense_top3", "dense_margin", "sentence_best",
        "lex_score", "lex_margin", "topic",
        "anchor", "context", "off_topic", "log_tokens",
        "out_of_scope", "out_of_scope_gap",
        "probe", "probe_margin", "probe_out_of_scope",
        "word_probe", "word_probe_margin", "word_probe_out_of_scope",
        "dense_is_top", "lex_is_top", "lex_none", "agree",
    ];

    /// <summary>
    /// How many of the independent readings put the ranker's best claim first: the closest text by
    /// meaning, the words' score, the claim probe and the word probe. Readings that agree are rarely all
    /// wrong; a claim only one of them favours is a guess.
    /// </summary>
    private static double Agree(double[] ranker) =>
        ranker[MatchFeatures.Index("dense_is_top")] + ranker[MatchFeatures.Index("lex_is_top")]
        + (ranker[MatchFeatures.Index("probe_margin")] > 0 ? 1 : 0) + (ranker[MatchFeatures.Index("word_probe_margin")] > 0 ? 1 : 0);

    /// <param name="ranker">The best claim's ranker features (<see cref="MatchFeatures"/>).</param>
    /// <param name="p1">The ranker's probability for the best claim.</param>
    /// <param name="p2">... and for the runner-up (0 when there is none).</param>
    /// <param name="outOfScope">The message's similarity to the closest out-of-scope example.</param>
    public static double[] For(double[] ranker, double p1, double p2, double outOfScope)
    {
        double F(string name) => ranker[MatchFeatures.Index(name)];
        var clipped = Math.Clamp(p1, 1e-6, 1 - 1e-6);
        return
        [
            p1, p2, p1 - p2, Math.Log(clipped / (1 - clipped)),
            F("dense_best"), F("dense_top3"), F("dense_margin"), F("sentence_best"),
            F("lex_score"), F("lex_margin"), F("topic"),
            F("anchor"), F("context"), F("off_topic"), F("log_tokens"),
            outOfScope, F("dense_best") - outOfScope,
            F("probe"), F("probe_margin"), F("probe_out_of_scope"),
            F("word_probe"), F("word_probe_margin"), F("word_probe_out_of_scope"),
            F("dense_is_top"), F("lex_is_top"), F("lex_none"), Agree(ranker),
        ];
    }
}
