using Microneedling.FactCheck.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microneedling.Bot.Telemetry;

/// <summary>OpenTelemetry traces and metrics for the host, with exporters off unless configured.</summary>
internal static class BotTelemetry
{
    /// <summary>
    /// Registers the turn middleware and, only when <c>Telemetry:Console</c> or an OTLP endpoint is
    /// set, the OpenTelemetry pipeline: ASP.NET Core requests, turns and fact-checks as traces and
    /// metrics, plus the structured logs when OTLP is on. Throws on start when a setting is unusable.
    /// </summary>
    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = TelemetryOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(options);

        // First in the service collection, so the adapter runs it outermost and the turn span and
        // duration cover every other middleware (IEnumerable<T> resolves in registration order).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<Microsoft.Bot.Builder.IMiddleware, TurnTelemetryMiddleware>());

        // Off by default: no provider means no listener, and every instrument stays a no-op.
        if (!options.AnyExporter) return builder;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(TurnTelemetryMiddleware.Name, FactCheckTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                    {
                        // Probes hit these every few seconds; their spans would drown the turns.
                        aspNetCore.Filter = http => !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments("/readyz");
                        // The raw path can hold a Direct Line conversation id; http.route keeps the template.
                        aspNetCore.EnrichWithHttpResponse = (activity, _) => activity.SetTag("url.path", null);
                    });
                if (options.Console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TurnTelemetryMiddleware.Name, FactCheckTelemetry.Name)
                    .AddAspNetCoreInstrumentation();
                if (options.Console) metrics.AddConsoleExporter();
            });

        // One OTLP exporter for traces, metrics and logs. Logs carry only the LoggerMessage templates
        // and their arguments (never the formatted text or scopes, the SDK's defaults).
        if (options.OtlpEndpoint is { } endpoint) otel.UseOtlpExporter(options.OtlpProtocol, endpoint);
        return builder;
    }
}
