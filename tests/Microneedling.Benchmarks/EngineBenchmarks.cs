using BenchmarkDotNet.Attributes;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Triage;
using Microneedling.FactCheck.Vocabulary;

namespace Microneedling.Benchmarks;

/// <summary>
/// Time per message (quantity extraction, spelling, matching and triage included) over the starter
/// set and over a synthetic 10,000-claim catalogue; and the cost of loading and indexing the starter set.
/// Each benchmark invocation checks every question of <see cref="Questions.Mix"/> once, so the
/// reported time is per message.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private FactChecker _starter = null!;
    private FactChecker _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _starter = FactChecker.Load();
        var content = FactChecker.DefaultContentDirectory;
        var claims = new ClaimSet(_starter.Claims.All.Concat(SyntheticCatalogue.Create(10_000)));
        _large = new FactChecker(
            claims,
            DomainVocabulary.Load(Path.Combine(content, "vocabulary.yaml")),
            RedFlagTriage.Load(Path.Combine(content, "red-flags.yaml")));
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int CheckStarterSet()
    {
        var n = 0;
        foreach (var q in Questions.Mix) n += _starter.Check(q).Matches.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int CheckTenThousandClaims()
    {
        var n = 0;
        foreach (var q in Questions.Mix) n += _large.Check(q).Matches.Count;
        return n;
    }

    [Benchmark]
    public int LoadAndIndexStarterSet() => FactChecker.Load().Claims.Count;
}
