using System.Text.Json;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microneedling.BotFramework.Turns;

/// <summary>
/// <see cref="IRecentTurns"/> in Redis: each answer is one key <c>mn:turn:{hash}</c> that expires
/// after the re-delivery window, so a channel that re-sends an activity to another instance gets
/// the first answer, and Redis, not this process, bounds how many are kept.
/// </summary>
public sealed class RedisRecentTurns(IConnectionMultiplexer redis, IOptions<MessagesOptions> options) : IRecentTurns
{
    public async Task<TurnAnswer?> FindAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (RecentTurns.KeyOf(activity) is not { } key) return null;
        var stored = await RedisConnection.GuardAsync(() => redis.GetDatabase().StringGetAsync(RedisKey(key))).ConfigureAwait(false);
        return stored.IsNull ? null : JsonSerializer.Deserialize<TurnAnswer>(stored.ToString());
    }

    public async Task RememberAsync(Activity activity, TurnAnswer answer, CancellationToken cancellationToken)
    {
        if (RecentTurns.KeyOf(activity) is not { } key) return;
        var json = JsonSerializer.Serialize(answer);
        await RedisConnection.GuardAsync(() => redis.GetDatabase().StringSetAsync(RedisKey(key), json, options.Value.RedeliveryWindow)).ConfigureAwait(false);
    }

    private static RedisKey RedisKey(string hash) => RedisConnection.KeyPrefix + "turn:" + hash;
}
