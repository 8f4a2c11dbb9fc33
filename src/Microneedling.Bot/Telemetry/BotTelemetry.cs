namespace Microneedling.Bot.Telemetry;

/// <summary>OpenTelemetry traces and metrics for the host, with exporters off unless configured.</summary>
internal static class BotTelemetry
{
    // SCAFFOLD: filled in by the telemetry work (issue 6).
    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder) => builder;
}
