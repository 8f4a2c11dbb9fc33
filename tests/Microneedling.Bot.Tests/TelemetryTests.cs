using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.Bot.Telemetry;
using Microneedling.FactCheck.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microneedling.Bot.Tests;

/// <summary>
/// Traces, metrics and logs of a real turn through /api/messages, with the console exporter turned
/// on (as an operator would) and in-memory exporters added beside it to read what was exported.
/// </summary>
public sealed class TelemetryTests(TelemetryTests.TelemetryHost host) : IClassFixture<TelemetryTests.TelemetryHost>
{
    private const string Question = "is a dermapen ok if I take warfarin";

    [Fact]
    public async Task Message_turn_yields_a_turn_span_with_type_and_channel_under_the_request_span()
    {
        var turn = await host.PostMessageAsync(Question);

        var spans = await host.SpansOfTraceAsync(turn.TraceId, s => s.Kind == ActivityKind.Server);
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        var span = Assert.Single(spans, s => s.OperationName == TurnTelemetryMiddleware.TurnActivityName);
        Assert.Equal(request.SpanId, span.ParentSpanId);
        Assert.Equal("api/messages", request.GetTagItem("http.route")?.ToString()?.TrimStart('/'));
        Assert.Null(request.GetTagItem("url.path")); // a Direct Line path would hold a conversation id
        Assert.Equal("message", span.GetTagItem(TurnTelemetryMiddleware.ActivityTypeTag));
        Assert.Equal("webchat", span.GetTagItem(TurnTelemetryMiddleware.ChannelTag));
        Assert.Equal(1, span.GetTagItem("bot.turn.replies"));
        var check = Assert.Single(spans, s => s.OperationName == FactCheckTelemetry.CheckActivityName);
        Assert.Equal(span.SpanId, check.ParentSpanId);
        Assert.Equal("blood-thinners", check.GetTagItem("factcheck.claim.ids"));
    }

    [Fact]
    public async Task Message_turn_is_counted_and_timed_by_type_and_channel_and_its_check_by_claim()
    {
        await host.PostMessageAsync(Question);

        var metrics = host.FlushMetrics();
        Assert.True(SumWhere(metrics, "bot.turns", ("bot.activity.type", "message"), ("bot.channel.id", "webchat")) >= 1);
        Assert.True(CountWhere(metrics, "bot.turn.duration", ("bot.activity.type", "message"), ("bot.channel.id", "webchat")) >= 1);
        Assert.True(SumWhere(metrics, "factcheck.claim.matches", (FactCheckTelemetry.ClaimIdTag, "blood-thinners")) >= 1);
        Assert.True(SumWhere(metrics, "factcheck.checks", (FactCheckTelemetry.ConfidenceTag, "high")) >= 1);
        Assert.True(CountWhere(metrics, "factcheck.check.duration") >= 1);
    }

    [Fact]
    public async Task Out_of_scope_and_red_flag_turns_are_counted()
    {
        await host.PostMessageAsync("what's the best pizza in town");
        await host.PostMessageAsync("cant breath after microneedling");

        var metrics = host.FlushMetrics();
        Assert.True(SumWhere(metrics, "factcheck.abstentions") >= 1);
        Assert.True(SumWhere(metrics, "factcheck.red_flags", (FactCheckTelemetry.TriageLevelTag, "emergency")) >= 1);
    }

    [Fact]
    public async Task No_span_attribute_metric_tag_or_log_value_holds_the_text_or_the_ids()
    {
        const string text = "is a dermapen ok if I take warfarin for my heart valve";
        var turn = await host.PostMessageAsync(text);
        await host.SpansOfTraceAsync(turn.TraceId, s => s.Kind == ActivityKind.Server);

        string[] secrets = [text, "warfarin", "heart valve", turn.ConversationId, turn.UserId];
        var values = host.Spans.Snapshot().SelectMany(s => s.TagObjects.Select(t => t.Value).Append(s.DisplayName))
            .Concat(host.FlushMetrics().SelectMany(m => m.MetricPoints).SelectMany(p => Tags(p).Values))
            .Concat(host.Logs.Snapshot())
            .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")
            .ToList();
        Assert.Contains(values, v => v == "blood-thinners"); // the capture did see this turn
        Assert.NotEmpty(host.Logs.Snapshot());
        foreach (var secret in secrets)
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Turn_middleware_runs_outermost()
    {
        var middleware = host.Services.GetServices<Microsoft.Bot.Builder.IMiddleware>().ToList();
        Assert.IsType<TurnTelemetryMiddleware>(middleware[0]);
    }

    [Fact]
    public void Service_name_defaults_to_microneedling_bot()
    {
        var resource = host.Services.GetRequiredService<TracerProvider>().GetResource();
        Assert.Contains(resource.Attributes, a => a.Key == "service.name" && Equals(a.Value, "microneedling-bot"));
    }

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
        return tags;
    }

    private static IEnumerable<MetricPoint> PointsWhere(IEnumerable<MetricSnapshot> metrics, string name, (string Key, string Value)[] where) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)
            .Where(p => where.All(w => Equals(Tags(p).GetValueOrDefault(w.Key), w.Value)));

    private static long SumWhere(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, string Value)[] where) =>
        PointsWhere(metrics, name, where).Select(p => p.GetSumLong()).DefaultIfEmpty(0).Max();

    private static long CountWhere(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, string Value)[] where) =>
        PointsWhere(metrics, name, where).Select(p => p.GetHistogramCount()).DefaultIfEmpty(0).Max();

    /// <summary>The host with <c>Telemetry:Console</c> on, plus in-memory span, metric and log capture.</summary>
    public sealed class TelemetryHost : WebApplicationFactory<Program>
    {
        public LockedCollection<Activity> Spans { get; } = new();

        public LockedCollection<MetricSnapshot> Metrics { get; } = new();

        /// <summary>Every log's message template and argument values, as an OTLP exporter would see them.</summary>
        public LockedCollection<object?> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", "");
            builder.UseSetting("Telemetry:Console", "true");
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
                services.AddSingleton<ILoggerProvider>(new StateLoggerProvider(Logs));
            });
        }

        public async Task<(ActivityTraceId TraceId, string ConversationId, string UserId)> PostMessageAsync(string text)
        {
            var activity = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("webchat-message"))!;
            activity["deliveryMode"] = "expectReplies";
            activity["text"] = text;
            var conversationId = "tel-" + Guid.NewGuid().ToString("N");
            activity["conversation"]!["id"] = conversationId;
            // A caller's trace context makes this request's spans findable among other tests' spans.
            var traceId = ActivityTraceId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
            {
                Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await CreateClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (traceId, conversationId, (string)activity["from"]!["id"]!);
        }

        /// <summary>The spans of one trace, once one matching <paramref name="waitFor"/> has ended (the request span may end after the response).</summary>
        public async Task<List<Activity>> SpansOfTraceAsync(ActivityTraceId traceId, Func<Activity, bool> waitFor)
        {
            for (var attempt = 0; ; attempt++)
            {
                var spans = Spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
                if (spans.Any(waitFor) || attempt == 100) return spans;
                await Task.Delay(20);
            }
        }

        public IReadOnlyList<MetricSnapshot> FlushMetrics()
        {
            Metrics.Clear();
            Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(5000));
            return Metrics.Snapshot();
        }
    }

    /// <summary>A collection the exporters add to from request threads while a test reads it.</summary>
    public sealed class LockedCollection<T> : Collection<T>
    {
        private readonly Lock _lock = new();

        public IReadOnlyList<T> Snapshot()
        {
            lock (_lock) return this.ToList();
        }

        protected override void InsertItem(int index, T item)
        {
            lock (_lock) base.InsertItem(index, item);
        }

        protected override void ClearItems()
        {
            lock (_lock) base.ClearItems();
        }
    }

    /// <summary>Keeps each log's structured state (template and values), as the OpenTelemetry logger exports it.</summary>
    private sealed class StateLoggerProvider(LockedCollection<object?> values) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new StateLogger(values);

        public void Dispose()
        {
        }

        private sealed class StateLogger(LockedCollection<object?> values) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var pair in pairs) values.Add(pair.Value);
                values.Add(formatter(state, exception));
            }
        }
    }
}

/// <summary>Telemetry settings as an operator gets them wrong or leaves them alone.</summary>
public sealed class TelemetryConfigurationTests
{
    private sealed class ConfiguredHost(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", "");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Fact]
    public void Default_config_registers_no_OpenTelemetry_provider_or_exporter()
    {
        using var host = new ConfiguredHost();
        Assert.False(host.Services.GetRequiredService<TelemetryOptions>().AnyExporter);
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Namespace?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true);
        // The turn middleware is still there, and costs nothing without a listener.
        Assert.IsType<TurnTelemetryMiddleware>(host.Services.GetServices<Microsoft.Bot.Builder.IMiddleware>().First());
    }

    [Fact]
    public void Otlp_endpoint_turns_on_traces_metrics_and_logs()
    {
        // Port 9 (discard) has no collector: exports fail quietly, which is all this test needs.
        using var host = new ConfiguredHost(("Telemetry:Otlp:Endpoint", "http://127.0.0.1:9"), ("OTEL_SERVICE_NAME", "bot-under-test"));
        var options = host.Services.GetRequiredService<TelemetryOptions>();
        Assert.Equal(new Uri("http://127.0.0.1:9"), options.OtlpEndpoint);
        var tracing = host.Services.GetRequiredService<TracerProvider>();
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.Contains(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Name == "OpenTelemetryLoggerProvider");
        Assert.Contains(tracing.GetResource().Attributes, a => a.Key == "service.name" && Equals(a.Value, "bot-under-test"));
    }

    // Unusable settings stop start-up: StartupFailureTests runs the host as a process for those (exit 1, the key named).
}
