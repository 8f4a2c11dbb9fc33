using System.Diagnostics;
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
        _matcher = new ClaimMatcher(index, options ?? new MatcherOptions());
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
        var normalized = TextNormalizer.Normalize(message);
        var analyzed = _analyzer.Analyze(normalized, Tokenizer.Tokenize(normalized), correctSpelling: true);
        var triage = normalized.Length == 0 ? TriageResult.Clear : _triage.Assess(normalized, analyzed.CorrectedText);
        var (matches, candidates, confidence) = _matcher.Match(analyzed);
        return new FactCheckResult(matches, candidates, confidence, triage, analyzed.Quantities)
        {
            Corrections = analyzed.Corrections,
        };
    }

    private static Dictionary<string, int> KnownWords(ClaimIndex index, DomainVocabulary vocabulary, RedFlagTriage triage)
    {
        var known = new Dictionary<string, int>(index.SurfaceWords, StringComparer.Ordinal);
        foreach (var word in vocabulary.SurfaceWords.Concat(triage.Words))
            known[word] = known.GetValueOrDefault(word) + 1;
        return known;
    }
}
