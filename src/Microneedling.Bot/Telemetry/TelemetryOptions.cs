using OpenTelemetry.Exporter;

namespace Microneedling.Bot.Telemetry;

/// <summary>
/// Where traces, metrics and logs go. Both exporters are off by default; with neither on the host
/// registers no OpenTelemetry pipeline at all, so the instruments have no listener and cost nothing.
/// </summary>
internal sealed record TelemetryOptions
{
    public const string DefaultServiceName = "microneedling-bot";

    /// <summary>Write spans and metrics to standard output (<c>Telemetry:Console</c>).</summary>
    public bool Console { get; init; }

    /// <summary>
    /// The OTLP collector (<c>Telemetry:Otlp:Endpoint</c>, else the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); <see langword="null"/> when OTLP is off.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>grpc</c> (the default, usually port 4317) or <c>http/protobuf</c> (usually 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>The <c>service.name</c> resource attribute; <c>OTEL_SERVICE_NAME</c> overrides it.</summary>
    public string ServiceName { get; init; } = DefaultServiceName;

    public bool AnyExporter => Console || OtlpEndpoint is not null;

    /// <summary>
    /// Reads the <c>Telemetry</c> section and the standard OTEL_* variables; throws
    /// <see cref="InvalidOperationException"/> naming the key when a value cannot be used, so a typo
    /// stops start-up instead of silently sending nothing.
    /// </summary>
    public static TelemetryOptions FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetSection("Telemetry");
        return new TelemetryOptions
        {
            Console = ReadBool(section, "Console"),
            OtlpEndpoint = ReadEndpoint(section, "Otlp:Endpoint") ?? ReadEndpoint(config, "OTEL_EXPORTER_OTLP_ENDPOINT"),
            OtlpProtocol = ReadProtocol(section, "Otlp:Protocol") ?? ReadProtocol(config, "OTEL_EXPORTER_OTLP_PROTOCOL") ?? OtlpExportProtocol.Grpc,
            ServiceName = config["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName,
        };
    }

    private static bool ReadBool(IConfiguration section, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value)) return false;
        return bool.TryParse(value, out var on)
            ? on
            : throw new InvalidOperationException($"{Path(section, key)} must be true or false, not '{value}'.");
    }

    private static Uri? ReadEndpoint(IConfiguration section, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException(
                $"{Path(section, key)} must be an absolute http or https URI of an OTLP collector (e.g. http://localhost:4317), not '{value}'.");
    }

    private static OtlpExportProtocol? ReadProtocol(IConfiguration section, string key) => section[key] switch
    {
        null or "" => null,
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        var other => throw new InvalidOperationException($"{Path(section, key)} must be grpc or http/protobuf, not '{other}'."),
    };

    private static string Path(IConfiguration section, string key) =>
        section is IConfigurationSection s ? $"{s.Path}:{key}" : key;
}
