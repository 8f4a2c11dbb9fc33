using System.Text.Json;
using Microneedling.BotFramework.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microneedling.Bot;

/// <summary>
/// <c>/healthz</c> (alive: no check runs) and <c>/readyz</c> (the claim set is loaded, with its count
/// and the content version, so a curator can see a hot reload has landed; with Storage:Provider=redis
/// also Redis answers),
/// on ASP.NET Core health checks.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddCheck<ClaimSetHealthCheck>("claims", tags: [ReadyTag]);
        if (RedisConnection.IsSelected(configuration)) checks.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapBotHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) => http.Response.WriteAsJsonAsync(new { status = "alive" }),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = (http, report) =>
            {
                var claims = report.Entries.TryGetValue("claims", out var entry) ? entry.Data : null;
                return http.Response.WriteAsJsonAsync(new
                {
                    status = report.Status == HealthStatus.Healthy ? "ready" : "not ready",
                    claims = claims?.GetValueOrDefault("claims") ?? 0,
                    version = claims?.GetValueOrDefault("version"),
                }, (JsonSerializerOptions?)null);
            },
        });
        return endpoints;
    }
}
