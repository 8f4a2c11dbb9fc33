using System.Threading.Channels;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Semantic;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Microneedling.Bot.Content;

/// <summary>
/// Hot reload: watches the content folder (a <see cref="PhysicalFileProvider"/> change token), waits
/// for the changes to settle, loads and validates the whole set off the request path, and swaps it in
/// only when it is valid. A set that does not validate is refused with every file:line problem logged,
/// and the set being served stays.
/// </summary>
internal sealed partial class ContentWatcher(
    FactCheckContent content,
    IConfiguration config,
    IHostEnvironment environment,
    IOptions<ContentReloadOptions> options,
    ILogger<ContentWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch) return;
        using var files = new PhysicalFileProvider(content.Directory);
        // One pending signal is enough: however many events arrive while a reload runs, one more reload reads them all.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = ChangeToken.OnChange(() => files.Watch("**/*"), () => changed.Writer.TryWrite(true));
        LogWatching(logger, content.Directory);
        try
        {
            while (await changed.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                do
                {
                    changed.Reader.TryRead(out _);
                    await Task.Delay(options.Value.SettleTime, stoppingToken).ConfigureAwait(false);
                }
                while (changed.Reader.TryRead(out _));
                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    /// <summary>Loads the folder and serves it if it validates; otherwise logs why and keeps the current set.</summary>
    internal void Reload()
    {
        var served = content.Current;
        string version;
        try
        {
            version = ContentVersion.Of(content.Directory);
            if (version == served.Version) return; // touched, not changed
            var engine = FactCheckEngine.Load(config, content.Directory, environment.ContentRootPath);
            content.Serve(engine, version);
        }
        catch (ContentException ex)
        {
            foreach (var error in ex.Errors) LogProblem(logger, error.ToString());
            LogRefused(logger, ex.Errors.Count, served.Version);
            return;
        }
#pragma warning disable CA1031 // A reload must never take the host down: whatever failed, the served set stays.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SemanticModelException or InvalidOperationException)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex.GetType().Name, ex.Message, served.Version);
            return;
        }
        LogSwapped(logger, content.Current.Engine.Claims.Count, version, served.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Directory} for content changes")]
    private static partial void LogWatching(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content reloaded: {Count} claims, version {Version} (was {Previous})")]
    private static partial void LogSwapped(ILogger logger, int count, string version, string previous);

    [LoggerMessage(Level = LogLevel.Error, Message = "Content change refused: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Content change refused ({Count} problem(s)); still serving version {Version}")]
    private static partial void LogRefused(ILogger logger, int count, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Content reload failed ({Type}: {Reason}); still serving version {Version}")]
    private static partial void LogFailed(ILogger logger, string type, string reason, string version);
}
