using Microneedling.DirectLine.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>
/// Deletes idle conversations every <see cref="DirectLineOptions.SweepInterval"/> (a conversation is
/// also checked whenever it is used) and forgets rate-limit buckets of callers that went quiet.
/// </summary>
internal sealed partial class DirectLineExpirySweeper(
    DirectLineConversationStore store,
    IDirectLineRateLimiter limiter,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    ILogger<DirectLineExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                limiter.Prune();
                try
                {
                    await store.SweepAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed sweep (storage busy, or a second process) must not stop the host: retry next tick.
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping idle Direct Line conversations failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
