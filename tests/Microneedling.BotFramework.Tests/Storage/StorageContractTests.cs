using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Microneedling.BotFramework.Tests.Storage;

/// <summary>
/// The SDK's IStorage as our stores implement it (<see cref="StoredJson"/>): values come back as JSON
/// objects carrying their ETag; "*" writes unconditionally, no ETag creates only, any other must
/// match; writes are all or nothing; keys of any length work. Every store runs the same tests.
/// </summary>
public abstract class StorageContractTests
{
    protected abstract IStorage CreateStorage();

    /// <summary>One change: <paramref name="value"/> (a JSON object) written against <paramref name="etag"/>.</summary>
    protected static Dictionary<string, object> One(string key, JObject value, string? etag = StoredJson.AnyETag)
    {
        if (etag is not null) value[StoredJson.ETagProperty] = etag;
        return new Dictionary<string, object>(StringComparer.Ordinal) { [key] = value };
    }

    protected static async Task<JObject?> ReadAsync(IStorage storage, string key) =>
        (await storage.ReadAsync([key])).TryGetValue(key, out var value) ? (JObject)value : null;

    protected static string? ETagOf(JObject? item) => (string?)item?[StoredJson.ETagProperty];

    [Fact]
    public async Task Reading_missing_keys_returns_empty()
    {
        Assert.Empty(await CreateStorage().ReadAsync(["nope", "also-missing"]));
    }

    [Fact]
    public async Task Reading_returns_only_existing_keys()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a", new JObject { ["n"] = 1 }));

        var result = await storage.ReadAsync(["a", "b"]);

        Assert.Equal(["a"], result.Keys);
    }

    [Fact]
    public async Task Write_then_read_round_trips_nested_json_and_unicode_and_gives_the_etag()
    {
        var storage = CreateStorage();
        var value = new JObject
        {
            ["name"] = "Zoë 🌸 микро 針",
            ["nested"] = new JObject
            {
                ["list"] = new JArray(1, 2.5, "three", JValue.CreateNull(), true),
                ["deeper"] = new JObject { ["quote"] = "\"escaped\"\n\ttab", ["when"] = "2026-11-20T10:20:00Z" },
            },
            ["empty"] = new JObject(),
        };
        const string key = "conversations/ünïcode/ключ";

        await storage.WriteAsync(One(key, (JObject)value.DeepClone()));
        var item = (await ReadAsync(storage, key))!;

        Assert.False(string.IsNullOrEmpty(ETagOf(item)));
        item.Remove(StoredJson.ETagProperty);
        Assert.True(JToken.DeepEquals(value, item), item.ToString());
        // Dates stay the text they were: the store never re-reads them as DateTime.
        Assert.Equal("2026-11-20T10:20:00Z", (string?)item["nested"]!["deeper"]!["when"]);
    }

    [Fact]
    public async Task ETag_changes_on_every_write_and_is_given_back_to_the_writer()
    {
        var storage = CreateStorage();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var item = new Record { Value = 0, ETag = null };
        for (var i = 0; i < 5; i++)
        {
            item.Value = i;
            await storage.WriteAsync(new Dictionary<string, object> { ["k"] = item });
            Assert.False(string.IsNullOrEmpty(item.ETag));
            Assert.True(seen.Add(item.ETag!), $"ETag '{item.ETag}' was reused");
            Assert.Equal(item.ETag, ETagOf(await ReadAsync(storage, "k")));
        }
    }

    [Fact]
    public async Task Write_with_stale_etag_throws_and_keeps_the_newer_value()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", new JObject { ["v"] = 1 }, etag: null));
        var first = ETagOf(await ReadAsync(storage, "k"));
        await storage.WriteAsync(One("k", new JObject { ["v"] = 2 }, first));
        var second = ETagOf(await ReadAsync(storage, "k"));

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JObject { ["v"] = 3 }, first)));

        var item = (await ReadAsync(storage, "k"))!;
        Assert.Equal(2, (int)item["v"]!);
        Assert.Equal(second, ETagOf(item));
    }

    [Fact]
    public async Task Write_with_etag_on_missing_key_throws()
    {
        var storage = CreateStorage();

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JObject(), "some-etag")));

        Assert.Empty(await storage.ReadAsync(["k"]));
    }

    [Fact]
    public async Task Star_etag_overwrites_unconditionally_and_creates()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", new JObject { ["v"] = 1 }));
        await storage.WriteAsync(One("k", new JObject { ["v"] = 2 }));
        await storage.WriteAsync(One("new", new JObject { ["v"] = 3 }));

        Assert.Equal(2, (int)(await ReadAsync(storage, "k"))!["v"]!);
        Assert.Equal(3, (int)(await ReadAsync(storage, "new"))!["v"]!);
    }

    [Fact]
    public async Task No_etag_creates_a_missing_key_and_refuses_to_overwrite_an_existing_one()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("k", new JObject { ["v"] = 1 }, etag: null));

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("k", new JObject { ["v"] = 2 }, etag: null)));

        Assert.Equal(1, (int)(await ReadAsync(storage, "k"))!["v"]!);
    }

    [Fact]
    public async Task Write_is_all_or_nothing_when_one_item_is_stale()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a", new JObject { ["v"] = 1 }));
        await storage.WriteAsync(One("b", new JObject { ["v"] = 1 }));

        var current = ETagOf(await ReadAsync(storage, "a"));
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["a"] = new JObject { ["v"] = 2, [StoredJson.ETagProperty] = current },
            ["b"] = new JObject { ["v"] = 2, [StoredJson.ETagProperty] = "stale" },
        }));

        Assert.Equal(1, (int)(await ReadAsync(storage, "a"))!["v"]!);
        Assert.Equal(1, (int)(await ReadAsync(storage, "b"))!["v"]!);
    }

    [Fact]
    public async Task Delete_removes_items_ignores_missing_keys_and_a_deleted_item_can_be_recreated()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a", new JObject()));
        var old = ETagOf(await ReadAsync(storage, "a"));

        await storage.DeleteAsync(["a", "missing"]);
        Assert.Empty(await storage.ReadAsync(["a"]));

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => storage.WriteAsync(One("a", new JObject(), old)));
        await storage.WriteAsync(One("a", new JObject { ["v"] = 3 }, etag: null));
        Assert.Equal(3, (int)(await ReadAsync(storage, "a"))!["v"]!);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1039)]
    [InlineData(5000)]
    public async Task Keys_of_any_length_are_stored_and_stay_distinct(int length)
    {
        var storage = CreateStorage();
        var key = new string('k', length - 1) + "a";
        var sibling = new string('k', length - 1) + "b";

        await storage.WriteAsync(One(key, new JObject { ["v"] = "a" }));
        await storage.WriteAsync(One(sibling, new JObject { ["v"] = "b" }));

        Assert.Equal("a", (string?)(await ReadAsync(storage, key))!["v"]);
        Assert.Equal("b", (string?)(await ReadAsync(storage, sibling))!["v"]);
        await storage.DeleteAsync([key]);
        Assert.Null(await ReadAsync(storage, key));
        Assert.NotNull(await ReadAsync(storage, sibling));
    }

    [Fact]
    public async Task Bot_state_saves_with_the_etag_it_read_so_a_stale_turn_cannot_overwrite_a_newer_one()
    {
        var storage = CreateStorage();
        var state = new ConversationState(storage);
        var counter = state.CreateProperty<Record>("counter");
        var first = Turn();
        var second = Turn();
        await counter.GetAsync(first, () => new Record());
        await counter.GetAsync(second, () => new Record());
        await counter.SetAsync(first, new Record { Value = 1 });
        await state.SaveChangesAsync(first);

        await counter.SetAsync(second, new Record { Value = 2 });
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => state.SaveChangesAsync(second));

        var third = Turn();
        Assert.Equal(1, (await counter.GetAsync(third, () => new Record())).Value);
        await counter.SetAsync(third, new Record { Value = 3 });
        await state.SaveChangesAsync(third);
        // A second save in the same turn carries the new ETag: no conflict with itself.
        await counter.SetAsync(third, new Record { Value = 4 });
        await state.SaveChangesAsync(third);
        Assert.Equal(4, (await counter.GetAsync(Turn(), () => new Record())).Value);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loses_no_update()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("counter", new JObject { ["count"] = 0 }));

        await RunCounterIncrementsAsync(_ => storage, 20);

        Assert.Equal(20, (int)(await ReadAsync(storage, "counter"))!["count"]!);
    }

    [Fact]
    public async Task Scan_lists_every_item_under_the_prefix_in_key_order_with_its_value_and_etag()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("curation/picks/b", new JObject { ["v"] = "b" }));
        await storage.WriteAsync(One("curation/picks/a", new JObject { ["v"] = "a", ["nested"] = new JObject { ["n"] = 1 } }));
        await storage.WriteAsync(One("curation/picksx", new JObject()));
        await storage.WriteAsync(One("curation/feedback/a", new JObject()));
        await storage.WriteAsync(One("webchat/conversations/curation/picks/c", new JObject()));

        var items = await Scan(storage).ScanAsync("curation/picks/");

        Assert.Equal(["curation/picks/a", "curation/picks/b"], items.Select(i => i.Key));
        var first = (JObject)items[0].Value;
        Assert.Equal("a", (string?)first["v"]);
        Assert.Equal(1, (int)first["nested"]!["n"]!);
        Assert.Equal(ETagOf(await ReadAsync(storage, "curation/picks/a")), ETagOf(first));
    }

    [Fact]
    public async Task Scan_matches_the_prefix_literally_and_leaves_out_deleted_items()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(One("a*[b]?\\/1", new JObject()));
        await storage.WriteAsync(One("a*[b]?\\/2", new JObject()));
        await storage.WriteAsync(One("aX[b]?\\/3", new JObject()));
        await storage.WriteAsync(One("a*b?\\/4", new JObject()));
        await storage.DeleteAsync(["a*[b]?\\/2"]);

        var items = await Scan(storage).ScanAsync("a*[b]?\\/");

        Assert.Equal(["a*[b]?\\/1"], items.Select(i => i.Key));
        Assert.Empty(await Scan(storage).ScanAsync("nothing-here/"));
    }

    [Fact]
    public async Task Scan_lists_a_long_key_as_stored_and_that_key_reads_and_deletes_the_item()
    {
        var storage = CreateStorage();
        var key = "curation/long/" + new string('k', 600);
        await storage.WriteAsync(One(key, new JObject { ["v"] = 1 }));

        var listed = Assert.Single(await Scan(storage).ScanAsync("curation/long/")).Key;

        Assert.Equal(StoredJson.StoredKey(key), listed);
        Assert.Equal(1, (int)(await ReadAsync(storage, listed))!["v"]!);
        await storage.DeleteAsync([listed]);
        Assert.Null(await ReadAsync(storage, key));
    }

    private static IStorageScan Scan(IStorage storage) => Assert.IsAssignableFrom<IStorageScan>(storage);

    private static TurnContext Turn() => new(new Microsoft.Bot.Builder.Adapters.TestAdapter(), new Microsoft.Bot.Schema.Activity
    {
        Type = "message",
        ChannelId = "test",
        Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: "c1"),
    });

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
                var item = (await ReadAsync(storage, "counter"))!;
                item["count"] = (int)item["count"]! + 1;
                try
                {
                    await storage.WriteAsync(new Dictionary<string, object> { ["counter"] = item });
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

    protected sealed class Record : IStoreItem
    {
        [JsonProperty("value")]
        public int Value { get; set; }

        [JsonProperty("eTag")]
        public string? ETag { get; set; }
    }
}

public sealed class InMemoryStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage() => new InMemoryStorage();
}
