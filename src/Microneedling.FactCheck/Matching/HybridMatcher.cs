using Microneedling.FactCheck.Semantic;
using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// Matching that understands paraphrase: every message is read whole and sentence by sentence by the
/// sentence model, the lexical matcher scores the same readings (numbers, synonyms, typos), and the
/// calibrated <see cref="MatchModel"/> turns both into the probability that a claim is what was asked.
/// The thresholds of that model decide between answering at once, "did you mean" (only when two or
/// more claims are plausible) and declining.
/// </summary>
internal sealed class HybridMatcher
{
    private readonly IReadOnlyList<Claim> _claims;
    private readonly ClaimMatcher _lexical;
    private readonly TextAnalyzer _analyzer;
    private readonly SentenceEncoder _encoder;
    private readonly ClaimVectors _vectors;
    private readonly OutOfScopeExamples _outOfScope;
    private readonly ContentIndex _index;
    private readonly MatcherOptions _options;
    private readonly CuratedPhrasings _curated;

    public HybridMatcher(IReadOnlyList<Claim> claims, ClaimMatcher lexical, TextAnalyzer analyzer, SentenceEncoder encoder, ClaimVectors vectors, OutOfScopeExamples outOfScope, ContentIndex index, MatchModel? model, MatcherOptions options)
    {
        _index = index;
        _claims = claims;
        _lexical = lexical;
        _analyzer = analyzer;
        _encoder = encoder;
        _vectors = vectors;
        _outOfScope = outOfScope;
        Model = model;
        _options = options;
        _curated = new CuratedPhrasings(claims);
    }

    /// <summary>The claims' vectors (calibration fits the claim probe on them).</summary>
    public ClaimVectors ClaimVectors => _vectors;

    /// <summary>The out-of-scope examples' vectors.</summary>
    public OutOfScopeExamples OutOfScope => _outOfScope;

    /// <summary>The analysed terms of a content text, as the word probe reads them (calibration fits it on them).</summary>
    public IReadOnlyList<string> TermsOf(string text) => _analyzer.Analyze(text, correctSpelling: false).Terms;

    /// <summary>The sentence model's hash (a fitted model must come from the same one).</summary>
    public string ModelHash => _encoder.ModelHash;

    /// <summary>Null while calibrating (only features are read then).</summary>
    public MatchModel? Model { get; }

    /// <summary>
    /// Reads a message: its sentences (within the token budget: the ones with a question mark or the
    /// most claim words first), one pass of the sentence model over them, and the lexical scores of
    /// the whole and of each sentence.
    /// </summary>
    /// <param name="message">The message as written.</param>
    /// <param name="whole">Its lexical analysis.</param>
    /// <param name="alarming">Whether a sentence describes a red flag by the patterns: such sentences are read first when the message is over the budget.</param>
    public MessageReading Read(string message, AnalyzedText whole, Func<string, bool>? alarming = null)
    {
        // The sentence model reads words it knows: "dermapen vs rolar wich one is beter" is read as the
        // lexical side corrected it, so a typo costs the meaning nothing.
        var sentences = SentenceSplitter.Split(WithCorrections(message, whole.Corrections));
        var analyzed = sentences.Count > 1
            ? sentences.Select(s => _analyzer.Analyze(s, correctSpelling: true)).ToList()
            : [whole];
        var lexical = sentences.Count > 1 ? analyzed.Select(_lexical.ScoreAll).ToList() : [];
        var keep = WithinBudget(sentences, analyzed, lexical, alarming);
        var texts = keep.Select(i => sentences[i]).ToList();
        var vectors = _encoder.EncodeMessage(texts.Count > 0 ? texts : [message]);
        // One pass over every content vector for the whole message and each of its sentences.
        var perSentence = keep.Count > 1;
        var scores = _index.Scores(perSentence ? [vectors.Whole, .. vectors.Sentences] : [vectors.Whole]);
        var wholeReading = new Reading(whole, _lexical.ScoreAll(whole), _vectors.Similarities(scores[0], _index), _encoder.CountTokens(Reading.DifferentWords(whole.CorrectedText)), vectors.Whole, scores[0]);
        var sentenceReadings = new List<Reading>();
        if (perSentence)
        {
            for (var k = 0; k < keep.Count; k++)
            {
                var i = keep[k];
                // "And is it safe every day?" is about microneedling when the message is.
                var a = analyzed[i] with { HasAnchor = analyzed[i].HasAnchor || whole.HasAnchor, HasContext = analyzed[i].HasContext || whole.HasContext };
                sentenceReadings.Add(new Reading(a, lexical[i], _vectors.Similarities(scores[k + 1], _index), _encoder.CountTokens(Reading.DifferentWords(a.CorrectedText)), vectors.Sentences[k], scores[k + 1]));
            }
        }
        // Without corrections the corrected text is the message as written; only then is it normalised again.
        var curated = _curated.Owner(whole.CorrectedText) ?? (whole.Corrections.Count > 0 ? _curated.Owner(TextNormalizer.Normalize(message)) : null);
        return new MessageReading(wholeReading, sentenceReadings, texts, vectors, ContentIndex.Max(scores[0], _index.OutOfScope), curated);
    }

    /// <summary>The message with every corrected word ("rolar -> roller") replaced, as a whole word, ignoring case.</summary>
    internal static string WithCorrections(string message, IReadOnlyList<string> corrections)
    {
        if (corrections.Count == 0) return message;
        foreach (var correction in corrections)
        {
            var arrow = correction.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow <= 0) continue;
            var from = correction[..arrow];
            var to = correction[(arrow + 4)..];
            try
            {
                message = System.Text.RegularExpressions.Regex.Replace(message, $@"\b{System.Text.RegularExpressions.Regex.Escape(from)}\b", to,
                    System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TextNormalizer.RegexTimeout);
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                return message;
            }
        }
        return message;
    }

    /// <summary>The claims a message asks about, the candidates for "did you mean", and how sure.</summary>
    public HybridOutcome Match(MessageReading reading) =>
        Match(reading, Model ?? throw new InvalidOperationException("matching needs a fitted model"));

    /// <summary>As <see cref="Match(MessageReading)"/> with another model (calibration tries many).</summary>
    public HybridOutcome Match(MessageReading reading, MatchModel model) => Decide(reading, Rank(reading, model), model);

    /// <summary>Every candidate claim with its features and the ranker's probability, best first.</summary>
    public List<RankedClaim> Rank(MessageReading reading, MatchModel model)
    {
        var ranked = new List<RankedClaim>();
        var probe = Probe(reading, model);
        foreach (var c in Candidates(reading))
        {
            var features = MatchFeatures.For(reading.Whole, reading.Sentences, c, probe);
            ranked.Add(new RankedClaim(c, features, model.Ranker.Probability(features)));
        }
        ranked.Sort((a, b) => b.P.CompareTo(a.P));
        return ranked;
    }

    /// <summary>
    /// Answer at once when the message is one of a claim's curated texts word for word, or when the
    /// decision model trusts the best claim; "did you mean" when it does not and two or more claims are
    /// plausible; otherwise decline. With an answer, further claims the message
    /// asks about too (by the whole message or by one of its sentences).
    /// </summary>
    public HybridOutcome Decide(MessageReading reading, List<RankedClaim> ranked, MatchModel model)
    {
        var t = model.Thresholds;
        var whole = reading.Whole;
        var candidates = ranked.Take(_options.MaxCandidates).Select(x => ToMatch(x.Claim, whole, x.P)).ToList();
        if (ranked.Count == 0) return new HybridOutcome([], candidates, MatchConfidence.None, 0);
        // A curated text's claim comes first whatever its rank; the claims it asks about too are found
        // as for any answer ("dark skin and old acne scars: does it work on skin like mine?").
        var curated = reading.Curated is { } owner ? ranked.Find(x => x.Claim == owner) : null;
        if (curated is not null) ranked = [curated, .. ranked.Where(x => x.Claim != curated.Claim)];
        var p2 = ranked.Count > 1 ? ranked[1].P : 0;
        var certainty = model.Decision.Probability(DecisionFeatures.For(ranked[0].Features, ranked[0].P, p2, reading.OutOfScope));
        if (curated is null && certainty < t.Answer)
        {
            var plausible = ranked.TakeWhile(x => x.P >= t.Plausible).Take(_options.MaxClaims).ToList();
            return plausible.Count >= 2
                ? new HybridOutcome(plausible.Select(x => ToMatch(x.Claim, whole, x.P)).ToList(), candidates, MatchConfidence.Medium, certainty)
                : new HybridOutcome([], candidates, MatchConfidence.None, certainty);
        }

        var chosen = new List<RankedClaim> { ranked[0] };
        foreach (var (x, p) in FurtherClaims(reading, ranked, model).OrderByDescending(e => e.P))
        {
            if (chosen.Count >= _options.MaxClaims) break;
            if (p >= t.Further && chosen.All(c => c.Claim != x.Claim)) chosen.Add(x);
        }
        return new HybridOutcome(chosen.Select(x => ToMatch(x.Claim, whole, x.P)).ToList(), candidates, MatchConfidence.High, certainty);
    }

    /// <summary>
    /// Every other candidate with the further-claim model's probability that the message asks about it
    /// too: candidates of the whole message, and each sentence's best claim.
    /// </summary>
    public List<(RankedClaim Claim, double P)> FurtherClaims(MessageReading reading, List<RankedClaim> ranked, MatchModel model) =>
        [.. FurtherCandidates(reading, ranked, model).Select(x => (x.Claim, model.Extra.Probability(x.Features)))];

    /// <summary>The other candidates with their further-claim features (calibration fits the model on them).</summary>
    public List<(RankedClaim Claim, double[] Features)> FurtherCandidates(MessageReading reading, List<RankedClaim> ranked, MatchModel model)
    {
        var result = new List<(RankedClaim, double[])>();
        if (ranked.Count == 0) return result;
        var first = ranked[0];
        var whole = reading.Whole;
        // Each claim's best ranker probability over the sentences read alone.
        var sentenceP = new Dictionary<int, double>();
        foreach (var sentence in reading.Sentences)
        {
            var probe = Probe(sentence, [], model);
            foreach (var c in Candidates(sentence, []))
                sentenceP[c] = Math.Max(sentenceP.GetValueOrDefault(c), model.Ranker.Probability(MatchFeatures.For(sentence, [], c, probe)));
        }
        var explained = _lexical.MatchedTerms(whole.Lexical[first.Claim]).ToList();
        foreach (var x in ranked.Skip(1))
        {
            var features = ExtraFeatures.For(x, first, sentenceP.GetValueOrDefault(x.Claim),
                _lexical.AnswersAnotherNumber(x.Claim, [first.Claim], whole.Analyzed),
                _lexical.AddsTopic(_lexical.MatchedTerms(whole.Lexical[x.Claim]), explained),
                _vectors.Alike(x.Claim, first.Claim), reading.Sentences.Count);
            result.Add((x, features));
        }
        return result;
    }

    /// <summary>The probes' probabilities for the message and the best over its sentences.</summary>
    public ProbeScores Probe(MessageReading reading, MatchModel model) => Probe(reading.Whole, reading.Sentences, model);

    private ProbeScores Probe(Reading whole, IReadOnlyList<Reading> sentences, MatchModel model)
    {
        var map = ProbeClassOf(model);
        double[] Map(float[] p)
        {
            var result = new double[_claims.Count];
            for (var c = 0; c < result.Length; c++) result[c] = map[c] >= 0 ? p[map[c]] : 0;
            return result;
        }
        (double[] Whole, double[] SentenceBest, double OutOfScope) Read(Func<Reading, float[]> probabilities)
        {
            var wholeP = probabilities(whole);
            var scores = Map(wholeP);
            var sentenceBest = (double[])scores.Clone();
            foreach (var s in sentences)
            {
                var p = Map(probabilities(s));
                for (var c = 0; c < p.Length; c++) sentenceBest[c] = Math.Max(sentenceBest[c], p[c]);
            }
            return (scores, sentenceBest, map[^1] >= 0 ? wholeP[map[^1]] : 0);
        }
        var byVector = Read(r => model.ClaimProbe.Probabilities(r.Vector));
        var byWords = Read(r => model.WordProbe.Probabilities(r.Analyzed.Terms));
        return new ProbeScores(byVector.Whole, byVector.SentenceBest, byVector.OutOfScope, byWords.Whole, byWords.SentenceBest, byWords.OutOfScope);
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<MatchModel, int[]> _probeClasses = new();

    /// <summary>For each claim (and, last, the out-of-scope class) its class in the model's probes (both have the same classes); -1 for a claim added since the fit.</summary>
    private int[] ProbeClassOf(MatchModel model) => _probeClasses.GetValue(model, m =>
    {
        var index = m.ClaimProbe.Classes.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        return [.. _claims.Select(c => index.GetValueOrDefault(c.Id, -1)), index.GetValueOrDefault(MatchModel.OutOfScopeClass, -1)];
    });

    /// <summary>The claims worth weighing for a reading: the closest by meaning and the best by words, and each sentence's closest.</summary>
    public IEnumerable<int> Candidates(MessageReading reading) => Candidates(reading.Whole, reading.Sentences);

    private IEnumerable<int> Candidates(Reading whole, IReadOnlyList<Reading> sentences)
    {
        var set = new HashSet<int>();
        set.UnionWith(Top(whole.Dense.Select(d => (double)d.Best), _options.DenseCandidates));
        set.UnionWith(Top(whole.Lexical.Select(l => l?.Raw ?? -1), _options.LexicalCandidates).Where(c => whole.Lexical[c] is not null));
        foreach (var s in sentences)
            set.UnionWith(Top(s.Dense.Select(d => (double)d.Best), _options.SentenceCandidates));
        return set;
    }

    private static IEnumerable<int> Top(IEnumerable<double> values, int n) =>
        values.Select((v, i) => (v, i)).OrderByDescending(x => x.v).Take(n).Select(x => x.i);


    private ClaimMatch ToMatch(int claim, Reading whole, double probability)
    {
        var match = _lexical.ToMatch(claim, whole.Lexical[claim], whole.Analyzed, probability);
        return match with
        {
            Explanation = match.Explanation with
            {
                DenseSimilarity = Math.Round(whole.Dense[claim].Best, 3),
                Probability = Math.Round(probability, 3),
            },
        };
    }

    /// <summary>
    /// The sentences to read when a message is longer than the budget: those describing a red flag, then
    /// those with a question mark and the most claim words, kept in their order. A message within the budget is read whole.
    /// </summary>
    private List<int> WithinBudget(List<string> sentences, List<AnalyzedText> analyzed, List<LexicalScore?[]> lexical, Func<string, bool>? alarming)
    {
        var all = Enumerable.Range(0, sentences.Count).ToList();
        if (sentences.Count <= 1) return all;
        var tokens = sentences.Select(s => Math.Min(_encoder.MaxTokens, _encoder.CountTokens(s))).ToArray();
        if (tokens.Sum() <= _options.MessageTokenBudget) return all;
        // A sentence the red-flag patterns fire on is read before all others: the triage model must see it.
        var priority = all.OrderByDescending(i =>
            (alarming?.Invoke(sentences[i]) == true ? 10.0 : 0)
            + (sentences[i].Contains('?', StringComparison.Ordinal) ? 1.0 : 0)
            + (analyzed[i].HasAnchor ? 0.5 : 0)
            + lexical[i].Max(l => l?.Raw ?? 0)).ToList();
        var keep = new List<int>();
        var used = 0;
        foreach (var i in priority)
        {
            if (used + tokens[i] > _options.MessageTokenBudget) continue;
            keep.Add(i);
            used += tokens[i];
        }
        keep.Sort();
        return keep;
    }
}

/// <summary>A candidate claim, its ranker features and the ranker's probability.</summary>
internal sealed record RankedClaim(int Claim, double[] Features, double P);

/// <summary>What the hybrid matcher decided, and the decision model's probability that its best claim is right.</summary>
internal sealed record HybridOutcome(IReadOnlyList<ClaimMatch> Matches, IReadOnlyList<ClaimMatch> Candidates, MatchConfidence Confidence, double Certainty);

/// <summary>A message read whole and sentence by sentence, with the sentence vectors (triage reads them too).</summary>
/// <param name="Whole">The message read whole.</param>
/// <param name="Sentences">Its sentences read one by one (empty when it has one).</param>
/// <param name="SentenceTexts">The sentences the model read.</param>
/// <param name="Vectors">Their vectors and the whole message's.</param>
/// <param name="OutOfScope">Similarity of the whole message to the closest out-of-scope example.</param>
/// <param name="Curated">The claim whose curated text the message is, word for word (as written or as corrected); null for most.</param>
internal sealed record MessageReading(Reading Whole, IReadOnlyList<Reading> Sentences, IReadOnlyList<string> SentenceTexts, MessageVectors Vectors, float OutOfScope, int? Curated);
