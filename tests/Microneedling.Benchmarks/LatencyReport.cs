using System.Diagnostics;
using System.Globalization;
using Microneedling.FactCheck;

namespace Microneedling.Benchmarks;

/// <summary>
/// <c>latency</c>: every question of the corpus checked once on one thread (after a warm-up), with the
/// repeat cache off, and the per-message percentiles printed by length — what BenchmarkDotNet's means
/// hide: the slow tail of long posts. Also the time to load and index the claim set.
/// </summary>
internal static class LatencyReport
{
    public static void Run(TextWriter output)
    {
        var started = Stopwatch.GetTimestamp();
        var engine = FactChecker.Load(null, new MatcherOptions { RepeatedAnswers = 0 });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load and index: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (claim index {engine.IndexTime.TotalMilliseconds:0} ms)"));
        var corpus = Questions.Corpus;
        // Warm-up: JIT tiers and ONNX Runtime's first runs.
        foreach (var q in corpus.Take(300)) engine.Check(q);
        var times = new List<(double Ms, int Length)>(corpus.Count);
        foreach (var q in corpus)
        {
            var t = Stopwatch.GetTimestamp();
            engine.Check(q);
            times.Add((Stopwatch.GetElapsedTime(t).TotalMilliseconds, q.Length));
        }
        Report(output, "all messages", times);
        Report(output, "under 100 characters", times.Where(x => x.Length < 100));
        Report(output, "100 to 299 characters", times.Where(x => x.Length is >= 100 and < 300));
        Report(output, "300 characters or more", times.Where(x => x.Length >= 300));

        var cached = FactChecker.Load();
        var repeated = corpus[0];
        cached.Check(repeated);
        const int n = 100_000;
        var r = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++) cached.Check(repeated);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"repeated message: {Stopwatch.GetElapsedTime(r).TotalMilliseconds * 1000 / n:0.0} µs"));
    }

    private static void Report(TextWriter output, string label, IEnumerable<(double Ms, int Length)> times)
    {
        var sorted = times.Select(t => t.Ms).Order().ToArray();
        if (sorted.Length == 0) return;
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-24} n={sorted.Length,5}  p50 {P(0.5),6:0.00} ms  p90 {P(0.9),6:0.00} ms  p99 {P(0.99),6:0.00} ms  max {sorted[^1],6:0.00} ms"));
    }
}
