using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// An inverted index over each claim's statement, phrasings and keywords after analysis: term ids,
/// document frequencies, postings, per-claim term counts and per-phrasing term sets. Built once at
/// start-up; read-only afterwards, so matching is thread-safe.
/// </summary>
internal sealed class ClaimIndex
{
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<List<int>> _postings = [];

    public ClaimIndex(IReadOnlyList<Claim> claims, TextAnalyzer analyzer)
    {
        Claims = claims;
        var texts = new List<(Dictionary<int, int> Counts, List<int[]> Phrasings)>(claims.Count);
        for (var c = 0; c < claims.Count; c++)
        {
            var claim = claims[c];
            var counts = new Dictionary<int, int>();
            var phrasings = new List<int[]>();
            // A number in a phrasing ("twice a week with a 1 mm roller") is context, not topic: a
            // claim answers for a kind of number only when it has a rule for that kind.
            var ruleMarkers = claim.Quantities.Select(r => TextAnalyzer.QuantityTermPrefix + r.Kind.ToName()).ToHashSet(StringComparer.Ordinal);
            foreach (var text in claim.Phrasings.Prepend(claim.Statement).Concat(claim.Keywords))
            {
                var analyzed = analyzer.Analyze(text, correctSpelling: false).Terms
                    .Where(t => !t.StartsWith(TextAnalyzer.QuantityTermPrefix, StringComparison.Ordinal) || ruleMarkers.Contains(t));
                var terms = analyzed.Select(Intern).Distinct().ToArray();
                if (terms.Length == 0) continue;
                phrasings.Add(terms);
                foreach (var t in terms) counts[t] = counts.GetValueOrDefault(t) + 1;
                CountSurfaceWords(text);
            }
            foreach (var marker in ruleMarkers)
                counts.TryAdd(Intern(marker), 1);
            foreach (var t in counts.Keys) _postings[t].Add(c);
            texts.Add((counts, phrasings));
        }
        Idf = _postings.Select(p => InverseDocumentFrequency(p.Count, claims.Count)).ToArray();
        Docs = texts.Select(t => new IndexedClaim(
            t.Counts,
            t.Phrasings,
            [.. t.Phrasings.Select(p => p.Sum(id => Idf[id]))],
            t.Counts.Values.Sum())).ToList();
        AverageLength = Docs.Count == 0 ? 1 : Math.Max(1, Docs.Average(d => d.Length));
        MaxIdf = InverseDocumentFrequency(0, claims.Count);
    }

    public IReadOnlyList<Claim> Claims { get; }

    public IReadOnlyList<IndexedClaim> Docs { get; }

    public double AverageLength { get; }

    public double[] Idf { get; }

    /// <summary>The idf a term would have if no claim used it.</summary>
    public double MaxIdf { get; }

    /// <summary>Surface words of all claim texts with their counts, for the spelling corrector.</summary>
    public Dictionary<string, int> SurfaceWords { get; } = new(StringComparer.Ordinal);

    public int? TermId(string term) => _termIds.TryGetValue(term, out var id) ? id : null;

    public IReadOnlyList<int> Postings(int termId) => _postings[termId];

    public string Term(int termId) => _terms[termId];

    /// <summary>How many distinct terms the claims have (term ids are 0 to TermCount - 1).</summary>
    public int TermCount => _terms.Count;

    // BM25's idf, kept positive (the Lucene form): ln(1 + (N - df + 0.5) / (df + 0.5)).
    private static double InverseDocumentFrequency(int df, int n) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));

    private int Intern(string term)
    {
        if (_termIds.TryGetValue(term, out var id)) return id;
        id = _termIds.Count;
        _termIds[term] = id;
        _terms.Add(term);
        _postings.Add([]);
        return id;
    }

    private void CountSurfaceWords(string text)
    {
        foreach (var token in Tokenizer.Tokenize(TextNormalizer.Normalize(text)))
            if (!token.IsNumber) SurfaceWords[token.Text] = SurfaceWords.GetValueOrDefault(token.Text) + 1;
    }
}

/// <summary>
/// One claim in the index: term counts over all its texts, each text's term set with the sum of its
/// terms' idf (the phrasing's own weight in the Dice overlap), total length.
/// </summary>
internal sealed record IndexedClaim(Dictionary<int, int> Counts, List<int[]> Phrasings, double[] PhrasingWeights, int Length);
