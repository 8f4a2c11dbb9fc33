using Microneedling.BotFramework.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microneedling.BotFramework.Turns;

/// <summary>
/// The turn lock across instances: a lease in Redis (<c>mn:lock:{key}</c>, <c>SET NX PX</c>) with a
/// fencing token (a per-conversation counter, incremented on every grant, so a later holder's token
/// is always larger). The holder renews the lease while its turn runs; an instance that dies keeps
/// nobody waiting longer than <see cref="MessagesOptions.TurnLeaseTime"/>. Renewal and release are
/// scripts that act only if the lease still carries the holder's token: a holder whose lease expired
/// can neither extend nor free its successor's. (A stale holder's state write is refused by the
/// store's ETag.) Turns of this instance queue on the in-process lock first, so only one per
/// conversation polls Redis.
/// </summary>
public sealed partial class RedisTurnLock(IConnectionMultiplexer redis, IOptions<MessagesOptions> options, ILogger<RedisTurnLock> logger) : IConversationTurnLock
{
    private readonly IConnectionMultiplexer _redis = redis;
    private readonly TimeSpan _leaseTime = options.Value.TurnLeaseTime;
    private readonly ILogger _logger = logger;

    // Grants the lease if free; returns the new fencing token, or 0 when it is held.
    private const string AcquireScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local fence = redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], 86400000)
        redis.call('SET', KEYS[1], ARGV[1] .. ':' .. fence, 'PX', ARGV[2])
        return fence
        """;

    // Renews (ARGV[2] ms) or releases (ARGV[2] = 0) the lease only while it is still the caller's.
    private const string RenewOrReleaseScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if tonumber(ARGV[2]) > 0 then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return redis.call('DEL', KEYS[1])
        """;

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(100);

    private readonly ConversationTurnLock _local = new();
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public int Count => _local.Count;

    public async Task<IDisposable?> TryEnterAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var local = await _local.TryEnterAsync(key, timeout, cancellationToken).ConfigureAwait(false);
        if (local is null) return null;
        try
        {
            var lease = await AcquireAsync(key, timeout - TimeProvider.System.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            if (lease is null) local.Dispose();
            return lease is null ? null : new Held(lease, local);
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    private async Task<Lease?> AcquireAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lockKey = (RedisKey)(RedisConnection.KeyPrefix + "lock:" + StoredJson.StoredKey(key));
        RedisKey fenceKey = RedisConnection.KeyPrefix + "fence:" + StoredJson.StoredKey(key);
        var owner = _instance + ":" + Guid.NewGuid().ToString("N");
        var leaseMs = (long)_leaseTime.TotalMilliseconds;
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Math.Max(0, timeout.TotalSeconds) * TimeProvider.System.TimestampFrequency);
        var wait = FirstPoll;
        while (true)
        {
            var fence = (long)await RedisConnection.GuardAsync(() => _redis.GetDatabase().ScriptEvaluateAsync(AcquireScript, [lockKey, fenceKey], [owner, leaseMs])).ConfigureAwait(false);
            if (fence > 0) return new Lease(this, lockKey, owner + ":" + fence, fence);
            if (TimeProvider.System.GetTimestamp() >= deadline) return null;
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, wait.Ticks * 2));
        }
    }

    /// <summary>The Redis lease and this instance's queue place, released together (Redis first: the next instance may go).</summary>
    private sealed class Held(Lease lease, IDisposable local) : IDisposable
    {
        public void Dispose()
        {
            lease.Dispose();
            local.Dispose();
        }
    }

    /// <summary>One granted lease: renewed every third of its time until disposed.</summary>
    internal sealed class Lease : IDisposable
    {
        private readonly RedisTurnLock _owner;
        private readonly RedisKey _key;
        private readonly string _token;
        private readonly Timer _renewal;
        private int _disposed;

        public Lease(RedisTurnLock owner, RedisKey key, string token, long fence)
        {
            _owner = owner;
            _key = key;
            _token = token;
            Fence = fence;
            var every = owner._leaseTime / 3;
            _renewal = new Timer(_ => Renew(), null, every, every);
        }

        /// <summary>The fencing token: larger for every later holder of this conversation's lease.</summary>
        public long Fence { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _renewal.Dispose();
            // Fire and forget: the release leaves with the next write and nothing waits for Redis; if
            // it is lost (an outage) the lease simply expires.
            try
            {
                _owner._redis.GetDatabase().ScriptEvaluate(RenewOrReleaseScript, [_key], [_token, 0], CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is ObjectDisposedException)
            {
                LogReleaseFailed(_owner._logger);
            }
        }

        private void Renew()
        {
            if (Volatile.Read(ref _disposed) == 1) return;
            try
            {
                var leaseMs = (long)_owner._leaseTime.TotalMilliseconds;
                _owner._redis.GetDatabase().ScriptEvaluate(RenewOrReleaseScript, [_key], [_token, leaseMs], CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex) || ex is ObjectDisposedException)
            {
                // A timer callback must never throw (it would end the process). The lease may expire during an outage; the turn's state write is still guarded by its ETag.
                LogRenewFailed(_owner._logger);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew a conversation's turn lease in Redis")]
    private static partial void LogRenewFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release a conversation's turn lease in Redis; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger);
}
