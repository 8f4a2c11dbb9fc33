using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using StackExchange.Redis;

namespace Microneedling.DirectLine.Redis;

/// <summary>
/// Conversations started per client address in Redis: a sorted set of start times per client
/// (<c>mn:dl:quota:{client}</c>), trimmed to the window, counted and added to in one Lua script, and
/// expiring with the window, so the quota holds whichever instance a start lands on.
/// </summary>
internal sealed class RedisConversationQuota(IConnectionMultiplexer redis) : IConversationQuota
{
    // ARGV: now (ms), window (ms), max, a unique member. Returns 1 when the start was recorded.
    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window)
        return 1
        """;

    public async Task<bool> TryTakeAsync(string client, int max, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RedisKey key = RedisConnection.KeyPrefix + "dl:quota:" + StoredJson.StoredKey(client);
        var taken = (long)await RedisConnection.GuardAsync(() => redis.GetDatabase().ScriptEvaluateAsync(
            TakeScript, [key], [now.ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, max, Guid.NewGuid().ToString("N")])).ConfigureAwait(false);
        return taken == 1;
    }

    public void Prune(TimeSpan window, DateTimeOffset now)
    {
        // Each client's set expires in Redis with its window.
    }
}
