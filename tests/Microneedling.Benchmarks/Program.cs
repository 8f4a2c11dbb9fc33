using BenchmarkDotNet.Running;
using Microneedling.Benchmarks;

// `latency` prints per-message percentiles; anything else goes to BenchmarkDotNet (README, "Performance").
if (args is ["latency"])
{
    LatencyReport.Run(Console.Out);
    return;
}
// `teams-search` prints the Teams search extension's per-query percentiles.
if (args is ["teams-search"])
{
    TeamsSearchLatency.Run(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
