using Microneedling.FactCheck;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microneedling.Bot;

/// <summary>Ready when the claim set is loaded and not empty; reports the claim count.</summary>
internal sealed class ClaimSetHealthCheck(FactChecker engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var count = engine.Claims.All.Count;
        var data = new Dictionary<string, object> { ["claims"] = count };
        return Task.FromResult(count > 0
            ? HealthCheckResult.Healthy("ready", data)
            : HealthCheckResult.Unhealthy("The claim set is empty.", data: data));
    }
}
