using System.Diagnostics;
using Microneedling.FactCheck.Diagnostics;
using Microneedling.FactCheck.Matching;
using Microneedling.FactCheck.Quantities;
using Microneedling.FactCheck.Text;
using Microneedling.FactCheck.Triage;
using Microneedling.FactCheck.Vocabulary;

namespace Microneedling.FactCheck;

/// <summary>
/// The engine's front door: load the content once, then <see cref="Check"/> messages. Thread-safe
/// after construction; deterministic; no I/O per message.
/// </summary>
public sealed class FactChecker
{
    private readonly TextAnalyzer _analyzer;
    private readonly ClaimMatcher _matcher;
    private readonly RedFlagTriage _triage;
    private readonly MatcherOptions _options;

    /// <summary>The content folder shipped next to the application (claims/, vocabulary.yaml, red-flags.yaml).</summary>
    public static string DefaultContentDirectory => Path.Combine(AppContext.BaseDirectory, "content");

    public FactChecker(ClaimSet claims, DomainVocabulary vocabulary, RedFlagTriage triage, MatcherOptions? options = null)
    {
        var started = Stopwatch.GetTimestamp();
        Claims = claims;
        _triage = triage;
        _analyzer = new TextAnalyzer(vocabulary, new QuantityReader());
        var index = new ClaimIndex(claims.All, _analyzer);
        _analyzer.UseCorrector(new SpellingCorrector(KnownWords(index, vocabulary, triage)));
        _options = options ?? new MatcherOptions();
        _matcher = new ClaimMatcher(index, _options, vocabulary.TopicConcepts, vocabulary.WeakConcepts, vocabulary.Anchors);
        IndexTime = Stopwatch.GetElapsedTime(started);
    }

    public ClaimSet Claims { get; }

    /// <summary>How long building the index took (shown by tools at start-up).</summary>
    public TimeSpan IndexTime { get; }

    /// <summary>
    /// Loads and validates the content folder (claims/, vocabulary.yaml, red-flags.yaml); throws
    /// <see cref="ContentException"/> naming file:line on any problem.
    /// </summary>
    public static FactChecker Load(string? contentDirectory = null, MatcherOptions? options = null)
    {
        var dir = contentDirectory ?? DefaultContentDirectory;
        var claims = ClaimSetLoader.Load(Path.Combine(dir, "claims"));
        var vocabulary = DomainVocabulary.Load(Path.Combine(dir, "vocabulary.yaml"));
        var triage = RedFlagTriage.Load(Path.Combine(dir, "red-flags.yaml"));
        return new FactChecker(claims, vocabulary, triage, options);
    }

    /// <summary>Fact-checks one message of any length or content. Never throws for any input.</summary>
    public FactCheckResult Check(string? message)
    {
        var started = FactCheckTelemetry.Timestamp();
        using var activity = FactCheckTelemetry.StartCheck();
        var normalized = TextNormalizer.Normalize(message);
        var tokens = Tokenizer.Tokenize(normalized);
        var analyzed = _analyzer.Analyze(normalized, tokens, correctSpelling: true);
        var triage = normalized.Length == 0 ? TriageResult.Clear : _triage.Assess(normalized, analyzed.CorrectedText);
        var (matches, candidates, confidence) = _matcher.Match(analyzed);
        // Clauses are read on their own too, also when the whole message matched nothing: "I get
        // keloids and I'm breaking out right now" splits its words over two claims, so neither scores
        // well on the whole. A message naming another treatment and not microneedling stays out.
        if (matches.Count < _options.MaxClaims && !(analyzed.HasOffTopic && !analyzed.HasAnchor))
        {
            var before = matches.Count;
            matches = AddClauseMatches(normalized, tokens, analyzed, matches);
            // Every clause match is confident; with nothing from the whole message they are the answer.
            if (before == 0 && matches.Count > 0) confidence = MatchConfidence.High;
        }
        var result = new FactCheckResult(matches, candidates, confidence, triage, analyzed.Quantities)
        {
            Corrections = analyzed.Corrections,
        };
        FactCheckTelemetry.RecordCheck(result, activity, started);
        return result;
    }

    /// <summary>
    /// "How do I clean my roller, and can my boyfriend use it too?" asks two things whose words
    /// overlap, so the whole-message ranking sees one. Each clause is matched on its own (with the
    /// message's anchor, so "and is it FDA cleared" still counts as about microneedling) and a
    /// confident clause match the message did not already give is added after the others.
    /// </summary>
    private IReadOnlyList<ClaimMatch> AddClauseMatches(string normalized, List<Token> messageTokens, AnalyzedText message, IReadOnlyList<ClaimMatch> matches)
    {
        string[] clauses;
        try
        {
            clauses = ClauseBreak.Split(normalized);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return matches;
        }
        if (clauses.Length < 2) return matches;
        var result = matches.ToList();
        foreach (var clause in clauses)
        {
            if (result.Count >= _options.MaxClaims) break;
            var tokens = Tokenizer.Tokenize(clause);
            if (tokens.Count < 3) continue;
            // A clause with all the message's words ("is it safe?" split at the "?") would only find
            // the message's own best match again: analysing it twice is the most a check can cost.
            if (SameWords(tokens, messageTokens)) continue;
            var analyzed = _analyzer.Analyze(clause, tokens, correctSpelling: true) with { HasAnchor = message.HasAnchor, HasContext = message.HasContext };
            var (clauseMatches, _, confidence) = _matcher.Match(analyzed);
            if (confidence != MatchConfidence.High || clauseMatches[0].Score < _options.ClauseMinScore) continue;
            var candidate = clauseMatches[0];
            if (result.Any(m => m.Claim.Id == candidate.Claim.Id)) continue;
            // The clause itself must name a topic, not only "microneedling" and "safe".
            if (!_matcher.AddsTopic(candidate.Explanation.MatchedTerms, [])) continue;
            result.Add(candidate);
        }
        return result;
    }

    private static bool SameWords(List<Token> a, List<Token> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!string.Equals(a[i].Text, b[i].Text, StringComparison.Ordinal)) return false;
        return true;
    }

    private static readonly System.Text.RegularExpressions.Regex ClauseBreak = new(
        @"[?!;]+\s*|(?<!\d)\.+(?!\d)\s*|,\s*(?:and|also|plus|but)?\s*|\s+(?:and|also|plus|but)\s+(?=(?:is|are|can|could|do|does|did|will|would|should|how|hows|what|whats|when|why|i|im|ive|id|my|it|its|also)\b)",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    // Number words are read by the quantity reader; the speller must not turn "three" into "there".
    private static readonly string[] NumberWords =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "hundred", "half", "quarter", "once", "twice", "thrice", "times", "point",
    ];

    private static Dictionary<string, int> KnownWords(ClaimIndex index, DomainVocabulary vocabulary, RedFlagTriage triage)
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in vocabulary.SurfaceWords.Concat(triage.Words).Concat(NumberWords))
            known[word] = known.GetValueOrDefault(word) + 1;
        // Curators write misspellings into phrasings on purpose ("derma roler"). Such a word must not
        // become "known", or it is never corrected and pulls every message that has it towards the one
        // claim whose phrasing has it. A phrasing word that the vocabulary alone would correct is left out.
        var vocabularyOnly = new SpellingCorrector(known);
        foreach (var (word, count) in index.SurfaceWords)
        {
            if (known.ContainsKey(word) || vocabularyOnly.Correct(word) is null)
                known[word] = known.GetValueOrDefault(word) + count;
        }
        return known;
    }
}
