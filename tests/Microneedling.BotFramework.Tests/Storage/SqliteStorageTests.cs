using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;

namespace Microneedling.BotFramework.Tests.Storage;

/// <summary>The IStorage contract on SQLite, plus file-specific behaviour. Each test gets its own temp folder.</summary>
public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sqlite-storage-tests-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStorage> _instances = [];

    public SqliteStorageTests() => Directory.CreateDirectory(_root);

    private string DatabasePath => Path.Combine(_root, "state.db");

    protected override IStorage CreateStorage() => Open(DatabasePath);

    private SqliteStorage Open(string path)
    {
        var storage = new SqliteStorage(path);
        _instances.Add(storage);
        return storage;
    }

    public void Dispose()
    {
        foreach (var storage in _instances) storage.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail the test
        }
    }

    private static Dictionary<string, StoreItem> One(string key, JsonObject value, string? etag = null) =>
        new(StringComparer.Ordinal) { [key] = new StoreItem(value, etag) };

    [Fact]
    public async Task Data_survives_a_new_instance_on_the_same_file()
    {
        string etag;
        using (var first = new SqliteStorage(DatabasePath))
        {
            etag = (await first.WriteAsync(One("k", new JsonObject { ["v"] = "kept" })))["k"];
        }

        var second = Open(DatabasePath);
        var item = (await second.ReadAsync(["k"]))["k"];

        Assert.Equal("kept", (string)item.Value["v"]!);
        Assert.Equal(etag, item.ETag);
        await second.WriteAsync(One("k", new JsonObject { ["v"] = "updated" }, etag));
    }

    [Fact]
    public void Missing_folders_and_file_are_created()
    {
        var path = Path.Combine(_root, "a", "b", "c", "state.db");

        Open(path);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Database_runs_in_wal_mode()
    {
        Open(DatabasePath);

        // journal_mode=WAL is recorded in the file header (bytes 18 and 19 are 2 for WAL).
        var header = new byte[20];
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            file.ReadExactly(header);
        Assert.Equal(2, header[18]);
        Assert.Equal(2, header[19]);
    }

    [Fact]
    public void Garbage_file_gives_clear_invalid_operation_exception()
    {
        var bytes = new byte[8192];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(DatabasePath, bytes);

        var ex = Assert.Throws<InvalidOperationException>(() => Open(DatabasePath));

        Assert.Contains(DatabasePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_that_cannot_be_created_gives_clear_invalid_operation_exception()
    {
        var blocker = Path.Combine(_root, "a-file");
        File.WriteAllText(blocker, "not a folder");
        var path = Path.Combine(blocker, "state.db");

        var ex = Assert.Throws<InvalidOperationException>(() => Open(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_value_is_rejected_and_nothing_is_written()
    {
        var storage = Open(DatabasePath);
        var big = new JsonObject { ["blob"] = new string('x', SqliteStorage.MaxValueBytes) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, StoreItem>(StringComparer.Ordinal)
        {
            ["small"] = new(new JsonObject { ["v"] = 1 }, null),
            ["big"] = new(big, null),
        }));

        Assert.Contains("1 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await storage.ReadAsync(["small", "big"]));
    }

    [Fact]
    public async Task Value_just_under_the_limit_is_accepted()
    {
        var storage = Open(DatabasePath);
        var overhead = new JsonObject { ["blob"] = "" }.ToJsonString().Length;
        var value = new JsonObject { ["blob"] = new string('x', SqliteStorage.MaxValueBytes - overhead) };

        await storage.WriteAsync(One("k", value));

        Assert.Equal(SqliteStorage.MaxValueBytes - overhead, ((string)(await storage.ReadAsync(["k"]))["k"].Value["blob"]!).Length);
    }

    [Fact]
    public async Task Oversized_key_is_rejected()
    {
        var storage = Open(DatabasePath);
        var key = new string('k', SqliteStorage.MaxKeyLength + 1);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(One(key, new JsonObject())));

        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
        await storage.WriteAsync(One(new string('k', SqliteStorage.MaxKeyLength), new JsonObject()));
    }

    [Fact]
    public async Task Concurrent_writers_on_separate_instances_of_one_file_lose_no_update()
    {
        var a = Open(DatabasePath);
        var b = Open(DatabasePath);
        await a.WriteAsync(One("counter", new JsonObject { ["count"] = 0 }));

        await RunCounterIncrementsAsync(i => i % 2 == 0 ? a : b, 20);

        Assert.Equal(20, (int)(await b.ReadAsync(["counter"]))["counter"].Value["count"]!);
    }

    [Fact]
    public async Task Disposed_instance_throws_object_disposed()
    {
        var storage = new SqliteStorage(DatabasePath);
        storage.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.ReadAsync(["k"]));
    }
}
