using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests.Content;

/// <summary>
/// The host serving a temporary copy of the content, which its tests edit, with every log line kept.
/// Lexical matching: what is under test is the watch, validation and swap, and a lexical reload takes
/// a fraction of a second on the shared 2-core machine where a semantic one takes several.
/// </summary>
public sealed class ReloadingHostFactory : WebApplicationFactory<Program>
{
    public string ContentDirectory { get; } = Directory.CreateTempSubdirectory("hot-reload-content-").FullName;

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    public ReloadingHostFactory()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "content");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(ContentDirectory, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string ClaimFile(string id) => Path.Combine(ContentDirectory, "claims", id + ".yaml");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("Content:Path", ContentDirectory);
        builder.UseSetting("Content:SettleTime", "00:00:00.200");
        builder.UseSetting("Matching:Semantic", "false");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new QueueLoggerProvider(Logs)));
    }

    public async Task<JsonObject> ReadyAsync() =>
        (await CreateClient().GetFromJsonAsync<JsonObject>(new Uri("/readyz", UriKind.Relative)))!;

    /// <summary>Polls until <paramref name="condition"/> holds, at most 30 s (a reload is well under a second when the machine is idle).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("Waited 30 s for " + what);
            await Task.Delay(100);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(ContentDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail the run
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(logs, categoryName);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<(LogLevel, string, string)> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
