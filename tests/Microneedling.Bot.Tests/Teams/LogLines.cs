using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>Keeps the host's formatted log lines, to check no message text reaches them.</summary>
public sealed class LogLines : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Text)> _lines = [];

    public IReadOnlyList<string> AtLeast(LogLevel level)
    {
        lock (_lines) return [.. _lines.Where(l => l.Level >= level).Select(l => l.Text)];
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider._lines) provider._lines.Add((logLevel, formatter(state, exception)));
        }
    }
}
