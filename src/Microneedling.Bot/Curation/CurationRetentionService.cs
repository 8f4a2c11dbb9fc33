using Microneedling.Dialogs.Curation;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.Curation;

/// <summary>
/// Runs <see cref="CurationRetention"/> at start-up and then every <see cref="CurationOptions.PurgeInterval"/>,
/// so no curator record outlives <see cref="CurationOptions.RetentionDays"/> by more than that interval.
/// </summary>
internal sealed partial class CurationRetentionService(
    CurationRetention retention,
    IOptions<CurationOptions> options,
    TimeProvider time,
    ILogger<CurationRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            do
            {
                await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    private async Task PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await retention.PurgeAsync(options.Value.RetentionDays, cancellationToken).ConfigureAwait(false);
            if (deleted > 0) LogPurged(logger, deleted, options.Value.RetentionDays);
        }
#pragma warning disable CA1031 // A failed purge (a locked file, a store without key listing) is retried next interval, never fatal.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} curator record(s) not seen for {Days} days")]
    private static partial void LogPurged(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring curator records failed ({Type}); retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, string type);
}
