using System.Globalization;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microneedling.DirectLine.Redis;

/// <summary>
/// Conversation changes on Redis pub/sub (channel <c>mn:dl:changes</c>, message <c>{sequence} {id}</c>):
/// one message per append or deletion, read by every instance. Pub/sub delivers at most once, so a
/// message lost in a reconnect is made up by the stream's periodic catch-up read.
/// </summary>
internal sealed partial class RedisConversationBus(IConnectionMultiplexer redis, ILogger<RedisConversationBus> logger) : IConversationBus
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisConnection.KeyPrefix + "dl:changes");

    private int _subscribed;

    public bool SpansInstances => true;

    public async Task PublishAsync(string id, long sequence)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, sequence.ToString(CultureInfo.InvariantCulture) + " " + id).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            // The change is stored; other instances' streams catch up on their next periodic read.
            LogPublishFailed(logger);
        }
    }

    public void Subscribe(Func<string, long, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        // A host started during an outage subscribes once the connection is up; StackExchange.Redis
        // itself restores a subscription it made after every later reconnect.
        redis.ConnectionRestored += (_, _) => TrySubscribe(onChange);
        TrySubscribe(onChange);
    }

    private void TrySubscribe(Func<string, long, Task> onChange)
    {
        if (Interlocked.CompareExchange(ref _subscribed, 1, 0) != 0) return;
        try
        {
            // Concurrent delivery: a slow re-read of one conversation does not hold up the others'.
            redis.GetSubscriber().Subscribe(Channel, (channel, message) =>
            {
                var text = message.ToString();
                var space = text.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0 || !long.TryParse(text.AsSpan(0, space), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence)) return;
                _ = DeliverAsync(onChange, text[(space + 1)..], sequence);
            });
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            Volatile.Write(ref _subscribed, 0);
            LogSubscribeFailed(logger);
        }
    }

    private async Task DeliverAsync(Func<string, long, Task> onChange, string id, long sequence)
    {
        try
        {
            await onChange(id, sequence).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed wake-up must not end the subscription; the stream catches up later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDeliveryFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to Direct Line conversation changes in Redis yet; retrying when it is reachable")]
    private static partial void LogSubscribeFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a Direct Line conversation change to Redis")]
    private static partial void LogPublishFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply a Direct Line conversation change from another instance: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string error);
}
