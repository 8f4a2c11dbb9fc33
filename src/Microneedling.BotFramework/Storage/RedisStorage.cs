using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using StackExchange.Redis;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// <see cref="IStorage"/> on Redis, shared by every instance, with the ETag rules of
/// <see cref="StoredJson"/> (the same contract tests as <see cref="SqliteStorage"/> and
/// <see cref="InMemoryStorage"/>). Each item is a hash <c>{json, etag}</c> under
/// <c>mn:state:{stored key}</c>. A read of several keys is one pipelined batch; a write is one Lua
/// script that checks every ETag and only then writes every item, so it is atomic and all or nothing
/// with one round trip. An optional time to live per key (sliding: reset on every write) lets Redis
/// forget idle items by itself. Listing a prefix (<see cref="IStorageScan"/>) walks the keyspace with
/// SCAN and MATCH, never KEYS, so it never blocks the server. An outage surfaces as
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class RedisStorage : IStorage, IStorageScan
{
    // Keys asked for per SCAN step: a hint to the server, which bounds the work of each step.
    private const int ScanPageSize = 500;

    /// <summary>Largest accepted value, in bytes of UTF-8 JSON (1 MB, as SQLite).</summary>
    public const int MaxValueBytes = SqliteStorage.MaxValueBytes;

    private static readonly RedisValue JsonField = "json";
    private static readonly RedisValue ETagField = "etag";

    // ARGV per item: expected ETag ("" = none: create only, "*" = any), JSON, new ETag, TTL in ms (0 = none).
    // Returns 0, or the 1-based index of the first item whose ETag did not permit the write.
    private const string WriteScript = """
        local n = #KEYS
        for i = 1, n do
          local expected = ARGV[4 * i - 3]
          if expected ~= '*' then
            local current = redis.call('HGET', KEYS[i], 'etag')
            if expected == '' then
              if current then return i end
            elseif current ~= expected then
              return i
            end
          end
        end
        for i = 1, n do
          local key = KEYS[i]
          redis.call('HSET', key, 'json', ARGV[4 * i - 2], 'etag', ARGV[4 * i - 1])
          local ttl = tonumber(ARGV[4 * i])
          if ttl > 0 then redis.call('PEXPIRE', key, ttl) else redis.call('PERSIST', key) end
        end
        return 0
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly Func<string, TimeSpan?> _timeToLive;

    /// <param name="redis">The process's shared connection.</param>
    /// <param name="timeToLive">The time to live of a key after each write (null: kept until deleted).</param>
    public RedisStorage(IConnectionMultiplexer redis, Func<string, TimeSpan?>? timeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _timeToLive = timeToLive ?? (_ => null);
    }

    /// <summary>The Redis key of an item (exposed for tests and operators).</summary>
    public static RedisKey RedisKeyOf(string key) => RedisConnection.KeyPrefix + "state:" + StoredJson.StoredKey(key);

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        if (keys.Length == 0) return result;
        foreach (var key in keys) ArgumentNullException.ThrowIfNull(key, nameof(keys));
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();

        var values = await RedisConnection.GuardAsync(() =>
        {
            // One batch: every HMGET leaves in one write, the answers come back in one round trip.
            var batch = _redis.GetDatabase().CreateBatch();
            var reads = distinct.Select(key => batch.HashGetAsync(RedisKeyOf(key), [JsonField, ETagField])).ToArray();
            batch.Execute();
            return Task.WhenAll(reads);
        }).ConfigureAwait(false);
        for (var i = 0; i < distinct.Length; i++)
        {
            var (json, etag) = (values[i][0], values[i][1]);
            if (json.IsNull || etag.IsNull) continue;
            result[distinct[i]] = StoredJson.FromStored(json.ToString(), etag.ToString());
        }
        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;

        // Validate and serialise everything before anything is sent.
        var items = new List<(string Key, object Value, string ETag)>(changes.Count);
        var redisKeys = new RedisKey[changes.Count];
        var args = new RedisValue[changes.Count * 4];
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            ArgumentNullException.ThrowIfNull(value, nameof(changes));
            var (json, expected) = StoredJson.ToStoredText(value, MaxValueBytes, nameof(changes));
            var i = items.Count;
            var etag = Guid.NewGuid().ToString("N");
            redisKeys[i] = RedisKeyOf(key);
            args[4 * i] = expected ?? "";
            args[(4 * i) + 1] = json;
            args[(4 * i) + 2] = etag;
            args[(4 * i) + 3] = (long)(_timeToLive(key)?.TotalMilliseconds ?? 0);
            items.Add((key, value, etag));
        }

        // Scripts are sent by SHA after the first call (StackExchange.Redis caches them per server).
        var refused = (long)await RedisConnection.GuardAsync(() => _redis.GetDatabase().ScriptEvaluateAsync(WriteScript, redisKeys, args)).ConfigureAwait(false);
        if (refused > 0) throw StorageConcurrencyException.For(items[(int)refused - 1].Key);
        foreach (var (_, value, etag) in items) StoredJson.SetETag(value, etag);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0) return;
        foreach (var key in keys) ArgumentNullException.ThrowIfNull(key, nameof(keys));
        var redisKeys = keys.Select(RedisKeyOf).ToArray();
        await RedisConnection.GuardAsync(() => _redis.GetDatabase().KeyDeleteAsync(redisKeys)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KeyValuePair<string, object>>> ScanAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var statePrefix = RedisConnection.KeyPrefix + "state:";
        var pattern = statePrefix + GlobEscaped(prefix) + "*";
        var database = _redis.GetDatabase();

        // SCAN may return a key twice and lets keys come and go meanwhile: the keys are collected
        // distinct, then read in one batch; one deleted in between is simply left out.
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        long cursor = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = await RedisConnection.GuardAsync(() => database.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", ScanPageSize)).ConfigureAwait(false);
            var parts = (RedisResult[])step!;
            cursor = long.Parse((string)parts[0]!, CultureInfo.InvariantCulture);
            foreach (var key in (RedisKey[])parts[1]!) keys.Add(((string)key!)[statePrefix.Length..]);
        }
        while (cursor != 0);
        if (keys.Count == 0) return [];

        var stored = keys.ToArray();
        var values = await RedisConnection.GuardAsync(() =>
        {
            var batch = database.CreateBatch();
            var reads = stored.Select(key => batch.HashGetAsync(statePrefix + key, [JsonField, ETagField])).ToArray();
            batch.Execute();
            return Task.WhenAll(reads);
        }).ConfigureAwait(false);
        var items = new List<KeyValuePair<string, object>>(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            var (json, etag) = (values[i][0], values[i][1]);
            if (json.IsNull || etag.IsNull) continue;
            items.Add(new(stored[i], StoredJson.FromStored(json.ToString(), etag.ToString())));
        }
        return items;
    }

    // The prefix matched literally: every character MATCH treats as a pattern is escaped with a backslash.
    private static string GlobEscaped(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
