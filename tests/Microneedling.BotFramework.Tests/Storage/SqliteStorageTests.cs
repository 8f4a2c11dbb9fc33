using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

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

    [Fact]
    public async Task Data_survives_a_new_instance_on_the_same_file()
    {
        string? etag;
        using (var first = new SqliteStorage(DatabasePath))
        {
            await first.WriteAsync(One("k", new JObject { ["v"] = "kept" }));
            etag = ETagOf(await ReadAsync(first, "k"));
        }

        var second = Open(DatabasePath);
        var item = (await ReadAsync(second, "k"))!;

        Assert.Equal("kept", (string)item["v"]!);
        Assert.Equal(etag, ETagOf(item));
        await second.WriteAsync(One("k", new JObject { ["v"] = "updated" }, etag));
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
        var big = new JObject { ["blob"] = new string('x', SqliteStorage.MaxValueBytes) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["small"] = new JObject { ["v"] = 1 },
            ["big"] = big,
        }));

        Assert.Contains("1 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await storage.ReadAsync(["small", "big"]));
    }

    [Fact]
    public async Task Value_just_under_the_limit_is_accepted()
    {
        var storage = Open(DatabasePath);
        var overhead = new JObject { ["blob"] = "" }.ToString(Newtonsoft.Json.Formatting.None).Length;
        var value = new JObject { ["blob"] = new string('x', SqliteStorage.MaxValueBytes - overhead) };

        await storage.WriteAsync(One("k", value));

        Assert.Equal(SqliteStorage.MaxValueBytes - overhead, ((string)(await ReadAsync(storage, "k"))!["blob"]!).Length);
    }

    [Fact]
    public async Task Concurrent_writers_on_separate_instances_of_one_file_lose_no_update()
    {
        var a = Open(DatabasePath);
        var b = Open(DatabasePath);
        await a.WriteAsync(One("counter", new JObject { ["count"] = 0 }));

        await RunCounterIncrementsAsync(i => i % 2 == 0 ? a : b, 20);

        Assert.Equal(20, (int)(await ReadAsync(b, "counter"))!["count"]!);
    }

    [Fact]
    public async Task Disposed_instance_throws_object_disposed()
    {
        var storage = new SqliteStorage(DatabasePath);
        storage.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.ReadAsync(["k"]));
    }
}
