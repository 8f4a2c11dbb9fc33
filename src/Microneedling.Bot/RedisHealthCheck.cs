using Microneedling.BotFramework.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microneedling.Bot;

/// <summary>
/// Ready only while Redis answers a PING within two seconds: a load balancer then sends no traffic
/// to an instance that would answer every turn 503, and sends it again once the connection (which
/// reconnects by itself) is back.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["pingMs"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is TimeoutException)
        {
            // The exception's text names the endpoint, not a secret; only its type is reported.
            return HealthCheckResult.Unhealthy("Redis is unreachable (" + ex.GetType().Name + ").");
        }
    }
}
