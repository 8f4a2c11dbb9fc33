using System.Buffers;
using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// Scores claims for an analysed question. A claim's score in [0, 1] mixes
/// <list type="bullet">
/// <item>coverage: the idf-weighted share of the question's terms the claim's texts contain, and</item>
/// <item>phrasing similarity: the best weighted Dice overlap with one of its phrasings,</item>
/// </list>
/// plus a boost when the question has a number of a kind the claim has a rule for. Only claims that
/// share an informative term with the question are scored (postings of common terms are skipped in
/// big catalogues), so the cost does not grow with the catalogue. Several claims are returned when
/// each explains a part of the question the better ones left unexplained.
/// </summary>
internal sealed class ClaimMatcher
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly ClaimIndex _index;
    private readonly MatcherOptions _options;
    private readonly HashSet<int>? _topicTerms;
    private readonly HashSet<int> _weakTerms = [];
    private readonly HashSet<string> _specificTerms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _weakConcepts = new(StringComparer.Ordinal);

    /// <param name="index">The claims' inverted index.</param>
    /// <param name="options">Scoring weights and thresholds.</param>
    /// <param name="topicConcepts">
    /// Concepts that can carry a question without an anchor word; empty turns the check off
    /// (catalogues without a domain vocabulary).
    /// </param>
    /// <param name="weakConcepts">Generic concepts: two of them together also carry a question.</param>
    /// <param name="anchors">Concepts that only say the message is about microneedling.</param>
    public ClaimMatcher(ClaimIndex index, MatcherOptions options, IReadOnlySet<string> topicConcepts, IReadOnlySet<string> weakConcepts, IReadOnlySet<string> anchors)
    {
        _index = index;
        _options = options;
        if (topicConcepts.Count == 0) return;
        _specificTerms.UnionWith(topicConcepts.Except(anchors));
        _weakConcepts.UnionWith(weakConcepts);
        // Numbers of a kind a claim has a rule for ("1 mm", "5 times a week") are topics too.
        var markers = Enum.GetValues<QuantityKind>().Select(k => TextAnalyzer.QuantityTermPrefix + k.ToName());
        _topicTerms = topicConcepts.Concat(markers).Select(index.TermId).OfType<int>().ToHashSet();
        _weakTerms = weakConcepts.Select(index.TermId).OfType<int>().ToHashSet();
    }

    // A topic concept, two weak ones, or (NearParaphrase) a claim that explains every term and has
    // a phrasing nearly the same as the message.
    private bool HasTopic(Scored s) =>
        _topicTerms is null || s.Matched.Overlaps(_topicTerms) || s.Matched.Count(_weakTerms.Contains) >= 2
        || (s.Matched.Count >= 2 && s.Coverage >= 0.999 && s.Phrasing >= _options.NearParaphrase);

    public (IReadOnlyList<ClaimMatch> Matches, IReadOnlyList<ClaimMatch> Candidates, MatchConfidence Confidence) Match(AnalyzedText query)
    {
        if (query.Terms.Count == 0 || (query.HasOffTopic && !query.HasAnchor)) return ([], [], MatchConfidence.None);

        var terms = QueryTerms(query);
        var totalWeight = terms.Sum(t => t.Weight);
        if (totalWeight <= 0) return ([], [], MatchConfidence.None);

        var scored = new List<Scored>();
        // The question's terms as a lookup by term id, shared by every candidate's phrasing overlap.
        // (A pooled array may hold another renter's values: cleared before use.)
        var inQuery = ArrayPool<bool>.Shared.Rent(_index.TermCount);
        Array.Clear(inQuery, 0, _index.TermCount);
        foreach (var term in terms)
            if (term.Id is { } id) inQuery[id] = true;
        foreach (var c in Candidates(terms))
            scored.Add(Score(c, terms, totalWeight, inQuery, query));
        ArrayPool<bool>.Shared.Return(inQuery);
        // Rank on the uncapped score: two claims that both reach 1 are still told apart.
        scored.Sort((a, b) => b.Raw != a.Raw ? b.Raw.CompareTo(a.Raw) : b.Bm25.CompareTo(a.Bm25));

        var candidates = scored.Take(_options.MaxCandidates).Select(s => ToMatch(s, query)).ToList();
        if (scored.Count == 0 || scored[0].Score < _options.AbstainBelow) return ([], candidates, MatchConfidence.None);
        // With no microneedling word, the message must point at the treatment (a context concept,
        // a number, "it": see DomainVocabulary.ContextConcepts), and the best claim must share a real
        // topic with it, not only generic words ("time", "safe") or words that merely occur in its texts.
        if (!query.HasAnchor && (!HasTopic(scored[0]) || !query.HasContext))
            return ([], candidates, MatchConfidence.None);

        var chosen = ChooseSeveral(scored, terms, totalWeight, query);
        var runnerUp = scored.Skip(1).FirstOrDefault(s => !chosen.Contains(s));
        var confidence = scored[0].Score >= _options.ConfidentAt
                         && (runnerUp is null || runnerUp.Score < scored[0].Score * _options.CloseRunnerUp)
            ? MatchConfidence.High
            : MatchConfidence.Medium;
        return (chosen.Select(s => ToMatch(s, query)).ToList(), candidates, confidence);
    }

    /// <summary>
    /// The lexical side of every claim that shares a term with the question (null for the others), for
    /// the hybrid matcher: no thresholds, no gating — those become features it weighs.
    /// </summary>
    public LexicalScore?[] ScoreAll(AnalyzedText query)
    {
        var result = new LexicalScore?[_index.Claims.Count];
        if (query.Terms.Count == 0) return result;
        var terms = QueryTerms(query);
        var totalWeight = terms.Sum(t => t.Weight);
        if (totalWeight <= 0) return result;
        var inQuery = ArrayPool<bool>.Shared.Rent(_index.TermCount);
        Array.Clear(inQuery, 0, _index.TermCount);
        foreach (var term in terms)
            if (term.Id is { } id) inQuery[id] = true;
        foreach (var c in Candidates(terms))
        {
            var s = Score(c, terms, totalWeight, inQuery, query);
            result[c] = new LexicalScore(s, HasTopic(s));
        }
        ArrayPool<bool>.Shared.Return(inQuery);
        return result;
    }

    /// <summary>The claim as a match: quantity notes for the numbers in the question, and the lexical reasons.</summary>
    public ClaimMatch ToMatch(int claim, LexicalScore? lexical, AnalyzedText query, double score) =>
        ToMatch(lexical?.Scored ?? new Scored(claim, 0, 0, 0, 0, 0, []), query, score);

    /// <summary>
    /// True when <paramref name="candidate"/> has the rule for a kind of number in the question that
    /// none of <paramref name="chosen"/> has.
    /// </summary>
    public bool AnswersAnotherNumber(int candidate, IEnumerable<int> chosen, AnalyzedText query)
    {
        var rules = _index.Claims[candidate].Quantities;
        return query.Quantities.Any(q =>
            rules.Any(r => r.Kind == q.Kind)
            && !chosen.Any(c => _index.Claims[c].Quantities.Any(r => r.Kind == q.Kind)));
    }

    /// <summary>The terms a claim's lexical score matched, by text.</summary>
    public IEnumerable<string> MatchedTerms(LexicalScore? lexical) => lexical?.Scored.Matched.Select(_index.Term) ?? [];

    private sealed record QueryTerm(string Text, int? Id, double Weight);

    private List<QueryTerm> QueryTerms(AnalyzedText query)
    {
        var unknownWeight = _index.MaxIdf * _options.UnknownWordWeight;
        return query.Terms.Distinct(StringComparer.Ordinal)
            .Select(t => _index.TermId(t) is { } id ? new QueryTerm(t, id, _index.Idf[id]) : new QueryTerm(t, null, unknownWeight))
            .ToList();
    }

    private HashSet<int> Candidates(List<QueryTerm> terms)
    {
        var n = _index.Claims.Count;
        var cap = n < _options.SmallCatalogue ? int.MaxValue : Math.Max(1, (int)(n * _options.CommonTermShare));
        var result = new HashSet<int>();
        QueryTerm? rarest = null;
        foreach (var term in terms)
        {
            if (term.Id is not { } id) continue;
            var postings = _index.Postings(id);
            if (rarest is null || postings.Count < _index.Postings(rarest.Id!.Value).Count) rarest = term;
            if (postings.Count <= cap) result.UnionWith(postings);
        }
        // Only common words: score the claims of the least common one rather than none.
        if (result.Count == 0 && rarest is not null) result.UnionWith(_index.Postings(rarest.Id!.Value));
        return result;
    }

    private Scored Score(int c, List<QueryTerm> terms, double totalWeight, bool[] inQuery, AnalyzedText query)
    {
        var doc = _index.Docs[c];
        double covered = 0, bm25 = 0;
        var matched = new HashSet<int>();
        foreach (var term in terms)
        {
            if (term.Id is not { } id || !doc.Counts.TryGetValue(id, out var tf)) continue;
            matched.Add(id);
            covered += term.Weight;
            bm25 += term.Weight * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * doc.Length / _index.AverageLength))));
        }
        var coverage = covered / totalWeight;

        // Every phrasing term is one of the claim's terms, so a phrasing term the question has is a
        // matched term: the overlap needs only the question's lookup, not the matched set.
        var best = 0.0;
        for (var p = 0; p < doc.Phrasings.Count; p++)
        {
            double shared = 0;
            foreach (var id in doc.Phrasings[p])
                if (inQuery[id]) shared += _index.Idf[id];
            var dice = 2 * shared / (doc.PhrasingWeights[p] + totalWeight);
            if (dice > best) best = dice;
        }

        var claim = _index.Claims[c];
        var boost = query.Quantities.Any(q => claim.Quantities.Any(r => r.Kind == q.Kind)) && covered > 0 ? _options.QuantityBoost : 0;
        var score = (_options.CoverageWeight * coverage) + ((1 - _options.CoverageWeight) * best) + boost;
        return new Scored(c, score, coverage, best, boost, bm25, matched);
    }

    /// <summary>
    /// The best claim, then any claim that explains a further part of the question: "is a 2 mm roller
    /// ok 4 times a week" is about needle length and about frequency.
    /// </summary>
    private List<Scored> ChooseSeveral(List<Scored> scored, List<QueryTerm> terms, double totalWeight, AnalyzedText query)
    {
        var chosen = new List<Scored> { scored[0] };
        var explained = new HashSet<int>(scored[0].Matched);
        foreach (var s in scored.Skip(1))
        {
            if (chosen.Count >= _options.MaxClaims) break;
            if (s.Score < _options.SecondClaimMinScore) break;
            var fresh = terms.Where(t => t.Id is { } id && s.Matched.Contains(id) && !explained.Contains(id)).Sum(t => t.Weight);
            var addsTopic = fresh / totalWeight >= _options.SecondClaimShare && AddsTopic(s.Matched.Select(_index.Term), explained.Select(_index.Term));
            if (!addsTopic && !AnswersAnotherNumber(s, chosen, query)) continue;
            chosen.Add(s);
            explained.UnionWith(s.Matched);
        }
        return chosen;
    }

    /// <summary>
    /// True when a further claim matched a specific topic of the question (not an anchor like
    /// "roller", not a generic word like "safe") that the claims before it did not: a second answer
    /// must be about something the first one is not.
    /// </summary>
    internal bool AddsTopic(IEnumerable<string> matchedTerms, IEnumerable<string> explainedTerms)
    {
        if (_specificTerms.Count == 0) return true;
        var explained = explainedTerms.ToHashSet(StringComparer.Ordinal);
        var fresh = matchedTerms.Where(t => !explained.Contains(t)).ToList();
        return fresh.Any(t => _specificTerms.Contains(t) || t.StartsWith(TextAnalyzer.QuantityTermPrefix, StringComparison.Ordinal))
               || fresh.Count(_weakConcepts.Contains) >= 2;
    }

    /// <summary>
    /// True when the question gives a number of a kind none of the chosen claims has a rule for and
    /// this claim has: in "is 1.5 mm ok three times a week" the length needs its own answer even
    /// though the frequency claim also mentions needles.
    /// </summary>
    private bool AnswersAnotherNumber(Scored candidate, List<Scored> chosen, AnalyzedText query)
    {
        var rules = _index.Claims[candidate.Claim].Quantities;
        return query.Quantities.Any(q =>
            rules.Any(r => r.Kind == q.Kind)
            && !chosen.Any(c => _index.Claims[c.Claim].Quantities.Any(r => r.Kind == q.Kind)));
    }

    private ClaimMatch ToMatch(Scored s, AnalyzedText query) => ToMatch(s, query, s.Score);

    private ClaimMatch ToMatch(Scored s, AnalyzedText query, double score)
    {
        var claim = _index.Claims[s.Claim];
        var notes = new List<QuantityNote>();
        foreach (var quantity in query.Quantities)
        {
            var rule = claim.Quantities.FirstOrDefault(r => r.Kind == quantity.Kind);
            if (rule is null) continue;
            // A range is judged by its worst end: "3-5 times a week" is as risky as 5.
            var value = rule.IsOutOfRange(quantity.Max) ? quantity.Max : rule.IsOutOfRange(quantity.Min) ? quantity.Min : quantity.Max;
            if (rule.Describe(value) is { } text)
                notes.Add(new QuantityNote(quantity, text, rule.IsOutOfRange(value)));
        }
        var explanation = new MatchExplanation(
            s.Matched.Select(_index.Term).Order(StringComparer.Ordinal).ToList(),
            query.Quantities.Select(q => q.ToString()).ToList(),
            Math.Round(s.Coverage, 3),
            s.Boost,
            Math.Round(s.Bm25, 3))
        { PhrasingSimilarity = Math.Round(s.Phrasing, 3) };
        return new ClaimMatch(claim, Math.Round(score, 3), notes, explanation);
    }
}

/// <summary>A claim's lexical score and its parts, as the lexical matcher computed them.</summary>
internal sealed record Scored(int Claim, double Raw, double Coverage, double Phrasing, double Boost, double Bm25, HashSet<int> Matched)
{
    public double Score => Math.Min(1, Raw);
}

/// <summary>
/// One claim's lexical evidence for the hybrid matcher: the uncapped score, coverage, phrasing overlap,
/// whether a number in the question has this claim's rule, and whether it shares a real topic.
/// </summary>
internal sealed record LexicalScore(Scored Scored, bool HasTopic)
{
    public double Raw => Scored.Raw;

    public double Coverage => Scored.Coverage;

    public double Phrasing => Scored.Phrasing;

    public bool HasQuantityRule => Scored.Boost > 0;
}
