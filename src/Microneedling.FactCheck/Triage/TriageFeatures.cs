namespace Microneedling.FactCheck.Triage;

/// <summary>
/// What the calibrated triage models weigh for one message and one level (urgent or emergency): how
/// close its most alarming sentence is to the danger descriptions of that level and how far above the
/// calm near misses, how close that sentence is to a claim (people ask questions the claims answer),
/// whether it is a question, a what-if or a denial, and what the patterns found.
/// </summary>
public static class TriageFeatures
{
    public static readonly string[] Names =
    [
        "danger", "lead", "claim_similarity", "danger_minus_claim",
        "question", "hypothetical", "negation",
        "pattern_level", "pattern_any", "pattern_emergency_asked_only",
        "other_danger", "log_sentences",
        "neighbours_danger", "neighbours_question", "neighbours_danger_any_sentence",
        "probe", "asks", "reports", "history",
        "pattern_x_asks", "pattern_x_history", "pattern_x_negation",
        "probe_x_asks", "probe_x_history", "probe_x_negation",
        "anchor", "context", "out_of_scope", "danger_words",
        "resolved", "probe_x_resolved", "words", "pattern_x_words", "resolved_any", "probe_x_resolved_any",
    ];

    /// <summary>The evidence of one message for a level.</summary>
    public sealed record Evidence(
        double Danger, double Lead, double ClaimSimilarity, bool Question, bool Hypothetical, bool Negation,
        double OtherDanger, int Sentences, double NeighboursDanger, double NeighboursQuestion, double NeighboursDangerAnySentence,
        double Probe, double Asks, double Reports, double History,
        bool Anchor, bool Context, double OutOfScope, int DangerWords, double Resolved, double Words, double ResolvedAny);

    public static double[] For(Evidence e, ReferralLevel level, ReferralLevel patterns, bool emergencyAskedOnly)
    {
        double pattern = patterns >= level ? 1 : 0, negation = e.Negation ? 1 : 0;
        return
        [
            e.Danger, e.Lead, e.ClaimSimilarity, e.Danger - e.ClaimSimilarity,
            e.Question ? 1 : 0, e.Hypothetical ? 1 : 0, e.Negation ? 1 : 0,
            patterns >= level ? 1 : 0, patterns >= ReferralLevel.Urgent ? 1 : 0, emergencyAskedOnly ? 1 : 0,
            e.OtherDanger, Math.Log(Math.Max(1, e.Sentences)),
            e.NeighboursDanger, e.NeighboursQuestion, e.NeighboursDangerAnySentence,
            e.Probe, e.Asks, e.Reports, e.History,
            pattern * e.Asks, pattern * e.History, pattern * negation,
            e.Probe * e.Asks, e.Probe * e.History, e.Probe * negation,
            e.Anchor ? 1 : 0, e.Context ? 1 : 0, e.OutOfScope, e.DangerWords / 3.0,
            e.Resolved, e.Probe * e.Resolved, e.Words, pattern * e.Words, e.ResolvedAny, e.Probe * e.ResolvedAny,
        ];
    }

    private static readonly HashSet<string> QuestionStarts = new(StringComparer.Ordinal)
    {
        "does", "do", "did", "can", "could", "is", "are", "was", "will", "would", "should", "shall", "may", "might",
        "what", "whats", "how", "hows", "why", "when", "where", "which", "who", "any", "anyone", "if", "whether",
    };

    // Words people use when telling what is happening to them or someone now, rather than asking about it.
    private static readonly HashSet<string> ReportWords = new(StringComparer.Ordinal)
    {
        "my", "im", "ive", "i", "me", "she", "shes", "he", "hes", "her", "his", "him", "now", "since", "still",
        "started", "starting", "keeps", "keep", "getting", "got", "gotten", "today", "tonight", "yesterday", "currently",
        "right", "help", "minutes", "hours", "suddenly", "just", "already", "been", "woke", "happening",
    };

    // Words of the past or of a person's history: "I had a seizure years ago", "once, as a kid".
    private static readonly HashSet<string> HistoryWords = new(StringComparer.Ordinal)
    {
        "ago", "once", "years", "year", "kid", "child", "little", "teenager", "teen", "used", "previously", "history",
        "before", "last", "ever", "never", "always", "usually", "childhood", "when",
    };

    /// <summary>The share of a normalised sentence's words that speak of the past or of a history.</summary>
    public static double History(string normalized) => Share(normalized, HistoryWords);

    // Words telling that something is over or going away: "it faded by dinner", "the stinging has gone",
    // "swelling settled overnight". A sign told as past and resolved is not an alarm, though its words
    // are a danger description's ("pink", "swelling"); a denial ("hasn't gone down") is the negation
    // feature's to weigh with it. "passed" is not among them: "passed out" is fainting.
    private static readonly HashSet<string> ResolvedWords = new(StringComparer.Ordinal)
    {
        "faded", "fading", "fades", "gone", "settled", "settling", "settles", "calmed", "calming", "cleared",
        "clearing", "stopped", "disappeared", "subsided", "eased", "easing", "improving", "improved", "healed",
        "healing", "resolved", "receding", "lessening", "wore", "worn", "recovered", "normal", "away", "vanished",
        "subsiding", "disappearing",
    };

    /// <summary>The share of a normalised sentence's words that tell something is over or going away.</summary>
    public static double Resolved(string normalized) => Share(normalized, ResolvedWords);

    /// <summary>The share of a normalised sentence's words that are in <paramref name="set"/>.</summary>
    private static double Share(string normalized, HashSet<string> set)
    {
        var words = normalized.Split([' ', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? 0 : (double)words.Count(set.Contains) / words.Length;
    }

    /// <summary>
    /// How much a normalised sentence reads as a question (it starts with a question word, or has a
    /// question mark) and how much as a report of what is happening (the share of its words that tell it).
    /// </summary>
    public static (double Asks, double Reports) Form(string normalized)
    {
        var words = normalized.Split([' ', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return (0, 0);
        var asks = (QuestionStarts.Contains(words[0]) ? 0.5 : 0) + (normalized.Contains('?', StringComparison.Ordinal) ? 0.5 : 0);
        var reports = (double)words.Count(ReportWords.Contains) / words.Length;
        return (asks, reports);
    }
}
