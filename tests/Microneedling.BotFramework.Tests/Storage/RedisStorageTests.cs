using Microneedling.BotFramework.Storage;
using Microneedling.Tests.Shared;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using StackExchange.Redis;

namespace Microneedling.BotFramework.Tests.Storage;

/// <summary>The IStorage contract on a real redis-server, plus what only Redis does: time to live, several instances, outages.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStorageTests : StorageContractTests, IDisposable
{
    private readonly RedisServer _server;
    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisStorageTests(RedisServer server)
    {
        _server = server;
        _server.Start();
        _server.Flush();
    }

    protected override IStorage CreateStorage() => new RedisStorage(Connect());

    private ConnectionMultiplexer Connect()
    {
        var connection = RedisConnection.Connect(_server.ConnectionString);
        _connections.Add(connection);
        return connection;
    }

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }

    [Fact]
    public async Task Concurrent_writers_on_separate_connections_lose_no_update()
    {
        var a = new RedisStorage(Connect());
        var b = new RedisStorage(Connect());
        await a.WriteAsync(One("counter", new JObject { ["count"] = 0 }));

        await RunCounterIncrementsAsync(i => i % 2 == 0 ? a : b, 20);

        Assert.Equal(20, (int)(await ReadAsync(b, "counter"))!["count"]!);
    }

    [Fact]
    public async Task Time_to_live_is_set_on_every_write_and_only_for_the_keys_that_have_one()
    {
        var storage = new RedisStorage(Connect(), key => key.StartsWith("short/", StringComparison.Ordinal) ? TimeSpan.FromSeconds(30) : null);

        await storage.WriteAsync(One("short/a", new JObject()));
        await storage.WriteAsync(One("long/b", new JObject()));

        var ttl = await _server.Database.KeyTimeToLiveAsync(RedisStorage.RedisKeyOf("short/a"));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Null(await _server.Database.KeyTimeToLiveAsync(RedisStorage.RedisKeyOf("long/b")));
    }

    [Fact]
    public async Task An_expired_key_reads_as_missing()
    {
        var storage = new RedisStorage(Connect(), _ => TimeSpan.FromMilliseconds(50));
        await storage.WriteAsync(One("k", new JObject { ["v"] = 1 }));

        await Task.Delay(200);

        Assert.Null(await ReadAsync(storage, "k"));
    }

    [Fact]
    public async Task Oversized_value_is_rejected_and_nothing_is_written()
    {
        var storage = CreateStorage();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["small"] = new JObject { ["v"] = 1 },
            ["big"] = new JObject { ["blob"] = new string('x', RedisStorage.MaxValueBytes) },
        }));

        Assert.Contains("1 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await storage.ReadAsync(["small", "big"]));
    }

    [Fact]
    public async Task Scan_walks_a_keyspace_larger_than_one_scan_step_with_SCAN_and_never_KEYS()
    {
        var storage = new RedisStorage(Connect());
        var expected = Enumerable.Range(0, 1_300).Select(i => $"curation/unanswered/{i:D5}").ToList();
        foreach (var chunk in expected.Chunk(100))
            await storage.WriteAsync(chunk.ToDictionary(k => k, object (_) => new JObject { ["count"] = 1 }, StringComparer.Ordinal));
        await storage.WriteAsync(One("webchat/conversations/x", new JObject()));
        // Keys beside ours that look alike: another application's, and one outside the state namespace.
        await _server.Database.StringSetAsync("other:state:curation/unanswered/zzz", "x");
        await _server.Database.StringSetAsync(RedisConnection.KeyPrefix + "lock:curation/unanswered/zzz", "x");
        await _server.Database.ExecuteAsync("CONFIG", "RESETSTAT");

        var items = await storage.ScanAsync("curation/unanswered/");

        Assert.Equal(expected, items.Select(i => i.Key));
        var stats = (string)(await _server.Database.ExecuteAsync("INFO", "commandstats"))!;
        Assert.Contains("cmdstat_scan:", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("cmdstat_keys:", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_during_an_outage_fails_with_storage_unavailable()
    {
        var storage = new RedisStorage(Connect());
        await storage.WriteAsync(One("curation/feedback/a", new JObject()));

        _server.Stop();
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ScanAsync("curation/"));
        }
        finally
        {
            _server.Start();
        }
    }

    [Fact]
    public async Task Outage_fails_fast_with_storage_unavailable_and_the_connection_comes_back_by_itself()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", new JObject { ["v"] = 1 }));

        _server.Stop();
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync(["k"]));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteAsync(One("k", new JObject { ["v"] = 2 })));
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), $"took {started.Elapsed}");
        }
        finally
        {
            _server.Start();
        }

        // The data was not persisted (--save ''): the store is empty but usable again without a new connection.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                await storage.WriteAsync(One("k", new JObject { ["v"] = 3 }));
                break;
            }
            catch (StorageUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(3, (int)(await ReadAsync(storage, "k"))!["v"]!);
    }
}
