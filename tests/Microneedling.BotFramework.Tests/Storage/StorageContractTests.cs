using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;

namespace Microneedling.BotFramework.Tests.Storage;

/// <summary>The IStorage contract; every implementation runs the same tests through a subclass.</summary>
public abstract class StorageContractTests
{
    protected abstract IStorage CreateStorage();

    private static Dictionary<string, StoreItem> One(string key, JsonObject value, string? etag = null) =>
        new(StringComparer.Ordinal) { [key] = new StoreItem(value, etag) };

    [Fact]
    public async Task Reading_missing_keys_returns_empty()
    {
        var storage = CreateStorage();

        var result = await storage.ReadAsync(["nope", "also-missing"]);

        Assert.Empty(result);
    }

    [Fact]
    public async Task Reading_returns_only_existing_keys()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a", new JsonObject { ["n"] = 1 }));

        var result = await storage.ReadAsync(["a", "b"]);

        Assert.Equal(["a"], result.Keys);
    }

    [Fact]
    public async Task Write_then_read_round_trips_nested_json_and_unicode()
    {
        var storage = CreateStorage();
        var value = new JsonObject
        {
            ["name"] = "Zoë 🌸 микро 針",
            ["nested"] = new JsonObject
            {
                ["list"] = new JsonArray(1, 2.5, "three", null, true),
                ["deeper"] = new JsonObject { ["quote"] = "\"escaped\"\n\ttab" },
            },
            ["empty"] = new JsonObject(),
        };
        const string key = "conversations/ünïcode/ключ";

        var etags = await storage.WriteAsync(One(key, value));
        var result = await storage.ReadAsync([key]);

        var item = Assert.Single(result).Value;
        Assert.True(JsonNode.DeepEquals(value, item.Value), item.Value.ToJsonString());
        Assert.Equal(etags[key], item.ETag);
    }

    [Fact]
    public async Task ETag_changes_on_every_write()
    {
        var storage = CreateStorage();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? etag = null;

        for (var i = 0; i < 5; i++)
        {
            var written = await storage.WriteAsync(One("k", new JsonObject { ["i"] = i }, etag));
            etag = written["k"];
            Assert.False(string.IsNullOrEmpty(etag));
            Assert.True(seen.Add(etag), $"ETag '{etag}' was reused");
            Assert.Equal(etag, (await storage.ReadAsync(["k"]))["k"].ETag);
        }
    }

    [Fact]
    public async Task Write_with_stale_etag_throws_and_keeps_old_value()
    {
        var storage = CreateStorage();
        var first = (await storage.WriteAsync(One("k", new JsonObject { ["v"] = 1 })))["k"];
        var second = (await storage.WriteAsync(One("k", new JsonObject { ["v"] = 2 }, first)))["k"];

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JsonObject { ["v"] = 3 }, first)));

        var item = (await storage.ReadAsync(["k"]))["k"];
        Assert.Equal(2, (int)item.Value["v"]!);
        Assert.Equal(second, item.ETag);
    }

    [Fact]
    public async Task Write_with_etag_on_missing_key_throws()
    {
        var storage = CreateStorage();

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JsonObject(), "some-etag")));

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task Null_or_star_etag_overwrites_unconditionally(string? etag)
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 1 }));
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 2 }));

        var written = await storage.WriteAsync(One("k", new JsonObject { ["v"] = 3 }, etag));

        var item = (await storage.ReadAsync(["k"]))["k"];
        Assert.Equal(3, (int)item.Value["v"]!);
        Assert.Equal(written["k"], item.ETag);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task Null_or_star_etag_creates_missing_key(string? etag)
    {
        var storage = CreateStorage();

        await storage.WriteAsync(One("new", new JsonObject { ["v"] = 1 }, etag));

        Assert.Equal(1, (int)(await storage.ReadAsync(["new"]))["new"].Value["v"]!);
    }

    [Fact]
    public async Task New_item_etag_creates_a_missing_key()
    {
        var storage = CreateStorage();

        var written = await storage.WriteAsync(One("fresh", new JsonObject { ["v"] = 1 }, StoreItem.NewItemETag));

        var item = (await storage.ReadAsync(["fresh"]))["fresh"];
        Assert.Equal(1, (int)item.Value["v"]!);
        Assert.Equal(written["fresh"], item.ETag);
        Assert.NotEqual(StoreItem.NewItemETag, item.ETag);
    }

    [Fact]
    public async Task New_item_etag_refuses_to_overwrite_an_existing_key()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("taken", new JsonObject { ["owner"] = "first" }));

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("taken", new JsonObject { ["owner"] = "second" }, StoreItem.NewItemETag)));

        Assert.Equal("first", (string?)(await storage.ReadAsync(["taken"]))["taken"].Value["owner"]);
    }

    [Fact]
    public async Task Write_is_all_or_nothing_when_one_item_is_stale()
    {
        var storage = CreateStorage();
        var initial = await storage.WriteAsync(new Dictionary<string, StoreItem>(StringComparer.Ordinal)
        {
            ["a"] = new(new JsonObject { ["v"] = "a1" }, null),
            ["b"] = new(new JsonObject { ["v"] = "b1" }, null),
        });
        var bNow = (await storage.WriteAsync(One("b", new JsonObject { ["v"] = "b2" }, initial["b"])))["b"];

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(new Dictionary<string, StoreItem>(StringComparer.Ordinal)
        {
            ["a"] = new(new JsonObject { ["v"] = "a2" }, initial["a"]), // current
            ["b"] = new(new JsonObject { ["v"] = "b3" }, initial["b"]), // stale
            ["c"] = new(new JsonObject { ["v"] = "c1" }, null),         // new
        }));

        var result = await storage.ReadAsync(["a", "b", "c"]);
        Assert.Equal("a1", (string)result["a"].Value["v"]!);
        Assert.Equal(initial["a"], result["a"].ETag);
        Assert.Equal("b2", (string)result["b"].Value["v"]!);
        Assert.Equal(bNow, result["b"].ETag);
        Assert.False(result.ContainsKey("c"));
    }

    [Fact]
    public async Task Multi_item_write_returns_an_etag_per_item()
    {
        var storage = CreateStorage();

        var etags = await storage.WriteAsync(new Dictionary<string, StoreItem>(StringComparer.Ordinal)
        {
            ["a"] = new(new JsonObject { ["v"] = 1 }, null),
            ["b"] = new(new JsonObject { ["v"] = 2 }, null),
        });

        Assert.Equal(2, etags.Count);
        Assert.NotEqual(etags["a"], etags["b"]);
        var result = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(etags["a"], result["a"].ETag);
        Assert.Equal(etags["b"], result["b"].ETag);
    }

    [Fact]
    public async Task Delete_removes_items_and_ignores_missing_keys()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, StoreItem>(StringComparer.Ordinal)
        {
            ["a"] = new(new JsonObject { ["v"] = 1 }, null),
            ["b"] = new(new JsonObject { ["v"] = 2 }, null),
        });

        await storage.DeleteAsync(["a", "missing"]);

        var result = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(["b"], result.Keys);
    }

    [Fact]
    public async Task Deleted_item_can_be_recreated_and_old_etag_no_longer_matches()
    {
        var storage = CreateStorage();
        var old = (await storage.WriteAsync(One("k", new JsonObject { ["v"] = 1 })))["k"];
        await storage.DeleteAsync(["k"]);

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JsonObject { ["v"] = 2 }, old)));
        await storage.WriteAsync(One("k", new JsonObject { ["v"] = 3 }));

        Assert.Equal(3, (int)(await storage.ReadAsync(["k"]))["k"].Value["v"]!);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loses_no_update()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("counter", new JsonObject { ["count"] = 0 }));

        await RunCounterIncrementsAsync(_ => storage, 20);

        Assert.Equal(20, (int)(await storage.ReadAsync(["counter"]))["counter"].Value["count"]!);
    }

    /// <summary>Runs <paramref name="tasks"/> parallel read-modify-write increments of "counter", retrying on conflicts.</summary>
    protected static async Task RunCounterIncrementsAsync(Func<int, IStorage> storageForTask, int tasks)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, tasks).Select(i => Task.Run(async () =>
        {
            var storage = storageForTask(i);
            await start.Task;
            for (var attempt = 0; attempt < 10_000; attempt++)
            {
                var item = (await storage.ReadAsync(["counter"]))["counter"];
                var count = (int)item.Value["count"]!;
                try
                {
                    await storage.WriteAsync(One("counter", new JsonObject { ["count"] = count + 1 }, item.ETag));
                    return;
                }
                catch (StorageConcurrencyException)
                {
                    await Task.Yield();
                }
            }
            throw new InvalidOperationException("Too many retries.");
        })).ToArray();

        start.SetResult();
        await Task.WhenAll(workers);
    }
}

public sealed class MemoryStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage() => new MemoryStorage();
}
