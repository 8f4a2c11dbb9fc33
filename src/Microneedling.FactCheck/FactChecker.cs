using System.Diagnostics;
using Microneedling.FactCheck.Diagnostics;
using Microneedling.FactCheck.Matching;
using Microneedling.FactCheck.Quantities;
using Microneedling.FactCheck.Semantic;
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
    private readonly HybridMatcher? _hybrid;
    private readonly SemanticTriage? _semanticTriage;
    private readonly RedFlagTriage _triage;
    private readonly MatcherOptions _options;

    /// <summary>The content folder shipped next to the application (claims/, vocabulary.yaml, red-flags.yaml).</summary>
    public static string DefaultContentDirectory => Path.Combine(AppContext.BaseDirectory, "content");

    /// <param name="claims">The claim set.</param>
    /// <param name="vocabulary">The domain vocabulary.</param>
    /// <param name="triage">Red-flag triage.</param>
    /// <param name="options">Matcher options; <see cref="MatcherOptions.Semantic"/> false runs the lexical matcher alone.</param>
    /// <param name="model">The fitted matcher model (needed when semantic; null only while calibrating).</param>
    /// <param name="outOfScope">Examples of messages no claim answers (content/out-of-scope.yaml), for the semantic matcher.</param>
    public FactChecker(ClaimSet claims, DomainVocabulary vocabulary, RedFlagTriage triage, MatcherOptions? options = null, MatchModel? model = null, IReadOnlyList<string>? outOfScope = null)
        : this(claims, vocabulary, triage, options ?? new MatcherOptions(), model, outOfScope ?? [], calibrating: false)
    {
    }

    private FactChecker(ClaimSet claims, DomainVocabulary vocabulary, RedFlagTriage triage, MatcherOptions options, MatchModel? model, IReadOnlyList<string> outOfScope, bool calibrating)
    {
        var started = Stopwatch.GetTimestamp();
        Claims = claims;
        _triage = triage;
        _analyzer = new TextAnalyzer(vocabulary, new QuantityReader());
        var index = new ClaimIndex(claims.All, _analyzer);
        var encoder = options.Semantic ? Encoder(options) : null;
        // The sentence model's word list holds the English words a message may use that the content
        // does not: they are left as written (the lexical matcher alone has no such list).
        _analyzer.UseCorrector(new SpellingCorrector(KnownWords(index, vocabulary, triage), encoder?.Words));
        _options = options;
        _matcher = new ClaimMatcher(index, _options, vocabulary.TopicConcepts, vocabulary.WeakConcepts, vocabulary.Anchors);
        if (encoder is not null)
        {
            var cache = VectorCache.For(encoder, CacheDirectory(options));
            if (model is null && !calibrating)
                throw new ContentException([new ContentError(MatchModel.FileName, 1, "", "the semantic matcher needs a fitted model; run `microneedling calibrate`")]);
            var claimVectors = new ClaimVectors(claims.All, encoder, cache);
            var outOfScopeVectors = OutOfScopeExamples.Embed(outOfScope, encoder, cache);
            _semanticTriage = new SemanticTriage(triage, encoder, cache);
            var contentIndex = new ContentIndex(claimVectors, outOfScopeVectors, _semanticTriage);
            _semanticTriage.Use(contentIndex);
            _hybrid = new HybridMatcher(claims.All, _matcher, _analyzer, encoder, claimVectors, outOfScopeVectors, contentIndex, model, options);
        }
        IndexTime = Stopwatch.GetElapsedTime(started);
    }

    public ClaimSet Claims { get; }

    /// <summary>The articles the claims were taken from (content/articles.yaml; empty without one).</summary>
    public IReadOnlyList<Article> Articles { get; private init; } = [];

    /// <summary>How long building the index took (shown by tools at start-up).</summary>
    public TimeSpan IndexTime { get; }

    /// <summary>
    /// Loads and validates the content folder (claims/, vocabulary.yaml, red-flags.yaml); throws
    /// <see cref="ContentException"/> naming file:line on any problem.
    /// </summary>
    /// <remarks>
    /// With the semantic matcher (the default) it also loads the sentence model — a missing or corrupt
    /// file throws <see cref="SemanticModelException"/> naming it — and the fitted <c>matcher-model.json</c>.
    /// </remarks>
    public static FactChecker Load(string? contentDirectory = null, MatcherOptions? options = null) => Load(contentDirectory, options, null);

    /// <summary>As <see cref="Load(string?, MatcherOptions?)"/>, with a fitted model given instead of read from the content folder.</summary>
    public static FactChecker Load(string? contentDirectory, MatcherOptions? options, MatchModel? model)
    {
        var dir = contentDirectory ?? DefaultContentDirectory;
        options ??= new MatcherOptions();
        var (claims, vocabulary, triage, outOfScope) = LoadContent(dir, options.Semantic);
        if (options.Semantic && model is null)
        {
            var encoder = Encoder(options);
            var path = Path.Combine(dir, MatchModel.FileName);
            if (!File.Exists(path))
                throw new ContentException([new ContentError(path, 1, "", "missing: the semantic matcher needs a fitted model; run `microneedling calibrate`")]);
            model = MatchModel.Load(path, encoder.ModelHash);
        }
        var articles = ArticleFileReader.Load(Path.Combine(dir, ArticleFileReader.FileName), claims);
        return new FactChecker(claims, vocabulary, triage, options, model, outOfScope) { Articles = articles };
    }

    /// <summary>The engine with the semantic reading but no fitted model: only <see cref="Read"/> works (for calibration).</summary>
    public static FactChecker LoadForCalibration(string? contentDirectory, MatcherOptions? options = null)
    {
        var (claims, vocabulary, triage, outOfScope) = LoadContent(contentDirectory ?? DefaultContentDirectory, semantic: true);
        return new FactChecker(claims, vocabulary, triage, (options ?? new MatcherOptions()) with { Semantic = true }, null, outOfScope, calibrating: true);
    }

    private static (ClaimSet, DomainVocabulary, RedFlagTriage, IReadOnlyList<string>) LoadContent(string dir, bool semantic) =>
        (ClaimSetLoader.Load(Path.Combine(dir, "claims")),
         DomainVocabulary.Load(Path.Combine(dir, "vocabulary.yaml")),
         RedFlagTriage.Load(Path.Combine(dir, "red-flags.yaml")),
         semantic ? OutOfScopeExamples.Read(Path.Combine(dir, OutOfScopeExamples.FileName)) : []);

    /// <summary>Most claims answered for one message.</summary>
    internal int MaxClaims => _options.MaxClaims;

    /// <summary>Whether the red-flag patterns find a described sign in one sentence.</summary>
    private bool Alarming(string sentence)
    {
        var normalized = TextNormalizer.Normalize(sentence);
        return normalized.Length > 0 && _triage.Assess(normalized, normalized).IsRedFlag;
    }

    /// <summary>The semantic matcher (null when matching is lexical only), for calibration.</summary>
    internal HybridMatcher? Hybrid => _hybrid;

    /// <summary>The fitted model in use (null when matching is lexical only).</summary>
    public MatchModel? Model => _hybrid?.Model;

    /// <summary>A message read the way <see cref="Check"/> reads it, for calibration.</summary>
    internal MessageReading Read(string message)
    {
        var hybrid = _hybrid ?? throw new InvalidOperationException("calibration needs the semantic matcher");
        var normalized = TextNormalizer.Normalize(message);
        var analyzed = _analyzer.Analyze(normalized, Tokenizer.Tokenize(normalized), correctSpelling: true);
        return hybrid.Read(CapLength(message), analyzed, Alarming);
    }

    private static SentenceEncoder Encoder(MatcherOptions options) => SentenceEncoder.ForFile(options.SemanticModelPath, CacheDirectory(options));

    private static string? CacheDirectory(MatcherOptions options) =>
        (options.VectorCacheDirectory ?? VectorCache.DefaultDirectory) is { Length: > 0 } dir ? dir : null;

    /// <summary>The vectors triage reads: each sentence's (the whole message's when it has one).</summary>
    internal static IReadOnlyList<float[]> SentenceVectors(MessageReading reading) =>
        reading.Vectors.Sentences.Length > 0 ? reading.Vectors.Sentences : [reading.Vectors.Whole];

    /// <summary>The semantic red-flag detector (null when matching is lexical only), for calibration.</summary>
    internal SemanticTriage? SemanticTriage => _semanticTriage;

    /// <summary>The pattern triage of a message (what the triage models weigh), for calibration.</summary>
    internal (TriageResult Result, bool EmergencyOnlyHypothetical) PatternTriage(string message)
    {
        var normalized = TextNormalizer.Normalize(message);
        if (normalized.Length == 0) return (TriageResult.Clear, false);
        var analyzed = _analyzer.Analyze(normalized, Tokenizer.Tokenize(normalized), correctSpelling: true);
        return _triage.AssessPatterns(normalized, analyzed.CorrectedText);
    }

    private static string CapLength(string? message) =>
        message is null ? "" : message.Length > TextNormalizer.MaxAnalysedLength ? message[..TextNormalizer.MaxAnalysedLength] : message;

    /// <summary>Fact-checks one message of any length or content. Never throws for any input.</summary>
    public FactCheckResult Check(string? message)
    {
        var started = FactCheckTelemetry.Timestamp();
        using var activity = FactCheckTelemetry.StartCheck();
        // Suggested questions and button clicks repeat word for word: their answer is kept (results are
        // immutable and the engine deterministic, so a kept one is the same answer).
        var cacheable = _options.RepeatedAnswers > 0 && message is { Length: > 0 and <= MaxCachedLength };
        if (cacheable && _recent.TryGetValue(message!, out var kept))
        {
            FactCheckTelemetry.RecordCheck(kept, activity, started);
            return kept;
        }
        var result = Compute(message, activity, started);
        if (cacheable)
        {
            // Bounded: when full it starts again (repeats are the few suggested questions, soon back).
            if (_recent.Count >= _options.RepeatedAnswers) _recent.Clear();
            _recent[message!] = result;
        }
        return result;
    }

    /// <summary>
    /// As <see cref="Check"/>, for hosts: at most one check per processor runs at a time and the others
    /// wait without holding a thread. The sentence model runs on the calling thread, so more checks than
    /// cores at once only make each slower (and, on a thread pool, starve it); a repeated message is
    /// answered from the cache without waiting.
    /// </summary>
    public async ValueTask<FactCheckResult> CheckAsync(string? message, CancellationToken cancellationToken = default)
    {
        if (_options.RepeatedAnswers > 0 && message is { Length: > 0 and <= MaxCachedLength } && _recent.TryGetValue(message, out var kept))
            return kept;
        await Running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Check(message);
        }
        finally
        {
            Running.Release();
        }
    }

    // Process-wide: the cores are, and every engine in the process (a reloaded content set too) shares them.
    private static readonly SemaphoreSlim Running = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>Longest message whose answer is kept for a repeat.</summary>
    public const int MaxCachedLength = 300;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FactCheckResult> _recent = new(StringComparer.Ordinal);

    private FactCheckResult Compute(string? message, System.Diagnostics.Activity? activity, long started)
    {
        var normalized = TextNormalizer.Normalize(message);
        var tokens = Tokenizer.Tokenize(normalized);
        var analyzed = _analyzer.Analyze(normalized, tokens, correctSpelling: true);
        var (triage, emergencyAskedOnly) = normalized.Length == 0 ? (TriageResult.Clear, false) : _triage.AssessPatterns(normalized, analyzed.CorrectedText);
        if (_hybrid is not null)
        {
            var reading = normalized.Length == 0 ? null : _hybrid.Read(CapLength(message), analyzed, Alarming);
            var outcome = reading is null ? null : _hybrid.Match(reading);
            if (reading is not null && _semanticTriage is not null && _hybrid.Model is { } fitted)
                triage = _semanticTriage.Assess(reading, fitted, triage, emergencyAskedOnly);
            var answer = new FactCheckResult(outcome?.Matches ?? [], outcome?.Candidates ?? [], outcome?.Confidence ?? MatchConfidence.None, triage, analyzed.Quantities)
            {
                Corrections = analyzed.Corrections,
                Certainty = outcome?.Certainty ?? 0,
            };
            FactCheckTelemetry.RecordCheck(answer, activity, started);
            return answer;
        }
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
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TextNormalizer.RegexTimeout);

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
