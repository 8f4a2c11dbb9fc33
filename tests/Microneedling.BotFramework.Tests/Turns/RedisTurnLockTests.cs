using Microneedling.BotFramework.Storage;
using Microneedling.BotFramework.Tests.Storage;
using Microneedling.BotFramework.Turns;
using Microneedling.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microneedling.BotFramework.Tests.Turns;

/// <summary>The turn lease in a real Redis, between "instances" (each its own connection and lock).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTurnLockTests : IDisposable
{
    private readonly RedisServer _server;
    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisTurnLockTests(RedisServer server)
    {
        _server = server;
        _server.Start();
        _server.Flush();
    }

    public void Dispose()
    {
        foreach (var connection in _connections) connection.Dispose();
    }

    private RedisTurnLock Instance(TimeSpan? lease = null)
    {
        var connection = RedisConnection.Connect(_server.ConnectionString);
        _connections.Add(connection);
        return new RedisTurnLock(connection, Options.Create(new MessagesOptions { TurnLeaseTime = lease ?? TimeSpan.FromSeconds(10) }), NullLogger<RedisTurnLock>.Instance);
    }

    [Fact]
    public async Task A_lease_held_on_one_instance_keeps_another_out_until_released()
    {
        var a = Instance();
        var b = Instance();

        var held = await a.TryEnterAsync("directline/conversations/c1", TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await b.TryEnterAsync("directline/conversations/c1", TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.NotNull(await b.TryEnterAsync("directline/conversations/other", TimeSpan.FromMilliseconds(300), CancellationToken.None));

        held!.Dispose();
        using var next = await b.TryEnterAsync("directline/conversations/c1", TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_lease_is_renewed_while_held_so_a_long_turn_keeps_it()
    {
        var a = Instance(TimeSpan.FromSeconds(1));
        var b = Instance(TimeSpan.FromSeconds(1));
        using var held = await a.TryEnterAsync("k", TimeSpan.FromSeconds(1), CancellationToken.None);

        // Three lease times later the holder still has it.
        Assert.Null(await b.TryEnterAsync("k", TimeSpan.FromSeconds(3), CancellationToken.None));
    }

    [Fact]
    public async Task A_killed_instance_releases_its_lease_by_expiry_and_the_next_holder_gets_a_larger_fencing_token()
    {
        var killedConnection = RedisConnection.Connect(_server.ConnectionString);
        var killed = new RedisTurnLock(killedConnection, Options.Create(new MessagesOptions { TurnLeaseTime = TimeSpan.FromSeconds(1) }), NullLogger<RedisTurnLock>.Instance);
        var survivor = Instance(TimeSpan.FromSeconds(1));
        var first = await killed.TryEnterAsync("k", TimeSpan.FromSeconds(1), CancellationToken.None);
        // Timed from the grant: disposing a connection can itself take a while on a loaded machine.
        var sinceGrant = System.Diagnostics.Stopwatch.StartNew();
        Assert.NotNull(first);
        var firstToken = (string?)await _server.Database.StringGetAsync(RedisConnection.KeyPrefix + "lock:k");

        // The process dies mid-turn: its connection goes, nothing is released, nothing renews.
        killedConnection.Dispose();
        using var taken = await survivor.TryEnterAsync("k", TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.NotNull(taken);
        // Not before the 1 s lease ran out (less a little for clock granularity), and soon after it.
        Assert.InRange(sinceGrant.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
        var secondToken = (string?)await _server.Database.StringGetAsync(RedisConnection.KeyPrefix + "lock:k");
        Assert.True(long.Parse(secondToken!.Split(':')[^1]) > long.Parse(firstToken!.Split(':')[^1]), $"{firstToken} then {secondToken}");
    }

    [Fact]
    public async Task A_late_release_of_an_expired_lease_does_not_free_its_successors()
    {
        var a = Instance(TimeSpan.FromSeconds(1));
        var b = Instance(TimeSpan.FromSeconds(1));
        var stale = await a.TryEnterAsync("k", TimeSpan.FromSeconds(1), CancellationToken.None);
        // Simulates a paused holder: its lease is gone from Redis (as if it expired) and b takes it.
        await _server.Database.KeyDeleteAsync(RedisConnection.KeyPrefix + "lock:k");
        using var successor = await b.TryEnterAsync("k", TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.NotNull(successor);

        stale!.Dispose();
        await Task.Delay(100);

        Assert.True(await _server.Database.KeyExistsAsync(RedisConnection.KeyPrefix + "lock:k"));
        Assert.Null(await Instance().TryEnterAsync("k", TimeSpan.FromMilliseconds(300), CancellationToken.None));
    }

    [Fact]
    public async Task Twenty_concurrent_turns_over_three_instances_run_one_at_a_time()
    {
        var instances = new[] { Instance(), Instance(), Instance() };
        var inside = 0;
        var most = 0;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var turns = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var lease = await instances[i % 3].TryEnterAsync("k", TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.NotNull(lease);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
        })).ToArray();

        start.SetResult();
        await Task.WhenAll(turns);

        Assert.Equal(1, most);
    }

    [Fact]
    public async Task Outage_while_entering_surfaces_as_storage_unavailable()
    {
        var a = Instance();
        _server.Stop();
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => a.TryEnterAsync("k", TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.Equal(0, a.Count);
        }
        finally
        {
            _server.Start();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
