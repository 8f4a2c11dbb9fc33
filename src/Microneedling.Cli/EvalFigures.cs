namespace Microneedling.Cli;

/// <summary>What each figure of <see cref="FactCheck.Evaluation.EvalReport"/> measures, for eval's --help.</summary>
internal static class EvalFigures
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["top1"] = "the share of in-scope questions whose first claim is right",
        ["top3"] = "the share of in-scope questions with a right claim among the first three",
        ["wrong_answer"] = "the share of in-scope questions answered with a wrong first claim",
        ["multi_all"] = "the share of several-claim questions with every expected claim among the first three",
        ["ood"] = "the share of out-of-scope questions given no claim",
        ["redflag"] = "the share of urgent and emergency messages referred urgently or to emergency services",
        ["emergency"] = "the share of emergency messages referred to emergency services",
        ["contra_referral"] = "the share of contraindication questions given a referral",
        ["false_alarm"] = "the share of in-scope questions referred urgently or to emergency services",
        ["direct"] = "the share of in-scope questions answered at once with the right claim",
        ["clarify"] = "the share of in-scope questions answered with a \"did you mean\"",
        ["confident_wrong"] = "the share of in-scope and out-of-scope questions answered at once with a wrong claim",
        ["calm_alarm"] = "the share of calm messages (alarming words, nothing wrong) referred urgently or to emergency services",
    };

    /// <summary>The figure's meaning; a figure added to EvalReport without one here still gets an option.</summary>
    public static string Meaning(string figure) => Meanings.GetValueOrDefault(figure, "a figure of shared/eval/score.py");
}
