using BenchmarkDotNet.Attributes;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Triage;
using Microneedling.FactCheck.Vocabulary;

namespace Microneedling.Benchmarks;

/// <summary>
/// Time per message through the whole engine (sentence model, lexical matching, calibrated decision,
/// triage) on one thread, over messages that never repeat (short questions and long posts apart), a
/// message repeated word for word (answered from the bounded cache), the lexical matcher alone over a
/// synthetic 10,000-claim catalogue, and loading and indexing the starter set.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private FactChecker _engine = null!;
    private FactChecker _cached = null!;
    private FactChecker _large = null!;
    private string[] _short = [];
    private string[] _long = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // No repeat cache: every benchmark message is read as new.
        _engine = FactChecker.Load(null, new MatcherOptions { RepeatedAnswers = 0 });
        _cached = FactChecker.Load();
        _short = Questions.Corpus.Where(q => q.Length < 100).ToArray();
        _long = Questions.Corpus.Where(q => q.Length >= 200).ToArray();
        var content = FactChecker.DefaultContentDirectory;
        var claims = new ClaimSet(_engine.Claims.All.Concat(SyntheticCatalogue.Create(10_000)));
        _large = new FactChecker(
            claims,
            DomainVocabulary.Load(Path.Combine(content, "vocabulary.yaml")),
            RedFlagTriage.Load(Path.Combine(content, "red-flags.yaml")),
            new MatcherOptions { Semantic = false });
        _cached.Check(Questions.Mix[0]);
    }

    [Benchmark]
    public int CheckShortQuestion() => _engine.Check(_short[_next++ % _short.Length]).Matches.Count;

    [Benchmark]
    public int CheckLongPost() => _engine.Check(_long[_next++ % _long.Length]).Matches.Count;

    [Benchmark]
    public int CheckRepeatedMessage() => _cached.Check(Questions.Mix[0]).Matches.Count;

    [Benchmark(OperationsPerInvoke = 16)]
    public int CheckTenThousandClaimsLexical()
    {
        var n = 0;
        foreach (var q in Questions.Mix) n += _large.Check(q).Matches.Count;
        return n;
    }

    [Benchmark]
    public int LoadAndIndexStarterSet() => FactChecker.Load().Claims.Count;
}
