using Microneedling.Bot.Content;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microneedling.Bot;

/// <summary>Ready when the claim set is loaded and not empty; reports the claim count and the content version.</summary>
internal sealed class ClaimSetHealthCheck(FactCheckContent content) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var served = content.Current;
        var count = served.Engine.Claims.All.Count;
        var data = new Dictionary<string, object> { ["claims"] = count, ["version"] = served.Version };
        return Task.FromResult(count > 0
            ? HealthCheckResult.Healthy("ready", data)
            : HealthCheckResult.Unhealthy("The claim set is empty.", data: data));
    }
}
