using Microneedling.BotFramework.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microneedling.DirectLine.Redis;

/// <summary>
/// The Direct Line token bucket in Redis: one hash per caller (<c>mn:dl:rate:{caller}</c>) refilled
/// and taken from in one Lua script (one round trip, atomic across instances), expiring once it
/// would be full again, so nothing needs pruning. Times come from the host's clock.
/// </summary>
internal sealed class RedisRateLimiter(IConnectionMultiplexer redis, IOptions<DirectLineOptions> options, TimeProvider clock) : IDirectLineRateLimiter
{
    // ARGV: now (ms), burst, permits per second. Returns -1 when a permit was taken, else the wait in ms.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local rate = tonumber(ARGV[3])
        local stored = redis.call('HMGET', KEYS[1], 'permits', 'at')
        local permits = tonumber(stored[1]) or burst
        local at = tonumber(stored[2]) or now
        if now > at then
          permits = math.min(burst, permits + (now - at) / 1000 * rate)
          at = now
        end
        if permits < 1 then return math.ceil((1 - permits) / rate * 1000) end
        redis.call('HSET', KEYS[1], 'permits', tostring(permits - 1), 'at', tostring(at))
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
        return -1
        """;

    public async Task<TimeSpan?> TryAcquireAsync(string caller, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        RedisKey key = RedisConnection.KeyPrefix + "dl:rate:" + StoredJson.StoredKey(caller);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var wait = (long)await RedisConnection.GuardAsync(() => redis.GetDatabase().ScriptEvaluateAsync(
            TakeScript, [key], [now, limits.RateLimitBurst, limits.RateLimitPerSecond])).ConfigureAwait(false);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, wait));
    }

    public void Prune()
    {
        // Buckets expire in Redis by themselves.
    }
}
