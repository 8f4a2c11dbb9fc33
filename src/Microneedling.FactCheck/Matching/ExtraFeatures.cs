namespace Microneedling.FactCheck.Matching;

/// <summary>
/// What the further-claim model weighs to say whether a message also asks about a claim besides the
/// best one ("is a 2 mm roller ok 4 times a week", "how do I clean it, and can my sister use it?"):
/// the ranker's view of it on the whole message and on its best sentence, whether it has the rule for
/// a number the chosen claims have none for, whether it adds a topic of its own, and how close it is
/// to the claim already chosen (two neighbouring claims are rarely both asked).
/// </summary>
internal static class ExtraFeatures
{
    public static readonly string[] Names =
    [
        "p", "p_logit", "p_first", "sentence_p", "sentence_p_logit",
        "answers_number", "adds_topic", "claims_alike", "several_sentences",
        "dense_best", "probe", "probe_sentence", "lex_coverage",
    ];

    public static double[] For(RankedClaim candidate, RankedClaim first, double sentenceP, bool answersNumber, bool addsTopic, double claimsAlike, int sentences)
    {
        double F(string name) => candidate.Features[MatchFeatures.Index(name)];
        return
        [
            candidate.P, Logit(candidate.P), first.P, sentenceP, Logit(sentenceP),
            answersNumber ? 1 : 0, addsTopic ? 1 : 0, claimsAlike, sentences > 1 ? 1 : 0,
            F("dense_best"), F("probe"), F("probe_sentence"), F("lex_coverage"),
        ];
    }

    private static double Logit(double p)
    {
        var c = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(c / (1 - c));
    }
}
