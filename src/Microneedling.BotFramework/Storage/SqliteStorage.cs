using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// Durable <see cref="IStorage"/> on a single SQLite file, with the same ETag rules as
/// <see cref="MemoryStorage"/>. Each operation opens its own (pooled) connection, so one instance can be
/// shared across threads, and several instances or processes can use the same file: the database runs in
/// WAL mode, waits on locks (busy timeout) instead of failing, and writes in one <c>BEGIN IMMEDIATE</c>
/// transaction so the ETag check and the update are atomic.
/// </summary>
public sealed class SqliteStorage : IStorage, IDisposable
{
    /// <summary>Longest accepted key, in characters.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Largest accepted value, in bytes of UTF-8 JSON (1 MB).</summary>
    public const int MaxValueBytes = 1024 * 1024;

    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;
    private volatile bool _disposed;

    /// <summary>
    /// Opens the database at <paramref name="databasePath"/>, creating its folder, the file and the
    /// <c>items</c> table when they do not exist yet.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file cannot be created or opened, or is not a SQLite database.</exception>
    public SqliteStorage(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        Initialize();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        if (keys.Count == 0) return result;

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction so all items come from the same snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT json, etag FROM items WHERE key = $key";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (result.ContainsKey(key)) continue;
            keyParameter.Value = key;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                result[key] = new StoreItem((JsonObject)JsonNode.Parse(reader.GetString(0))!, reader.GetString(1));
        }
        transaction.Commit();
        return result;
    }

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (changes.Count == 0) return etags;

        // Validate and serialize everything before touching the database.
        var rows = new List<(string Key, string Json, string? ExpectedETag)>(changes.Count);
        foreach (var (key, item) in changes)
        {
            ValidateKey(key, nameof(changes));
            ArgumentNullException.ThrowIfNull(item, nameof(changes));
            ArgumentNullException.ThrowIfNull(item.Value, nameof(changes));
            var json = item.Value.ToJsonString();
            var bytes = Encoding.UTF8.GetByteCount(json);
            if (bytes > MaxValueBytes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The value for key '{Truncate(key)}' is {bytes} bytes of JSON; the limit is {MaxValueBytes} bytes (1 MB)."),
                    nameof(changes));
            }
            rows.Add((key, json, item.ETag));
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: take the write lock up front so the ETag check and the update cannot interleave with another writer.
        using var transaction = connection.BeginTransaction(deferred: false);

        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT etag FROM items WHERE key = $key";
            var keyParameter = select.Parameters.Add("$key", SqliteType.Text);
            foreach (var (key, _, expected) in rows)
            {
                if (expected is null or "*") continue;
                keyParameter.Value = key;
                var current = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (!string.Equals(current, expected, StringComparison.Ordinal))
                    throw StorageConcurrencyException.For(key); // the transaction is rolled back on dispose: nothing is written
            }
        }

        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO items (key, json, etag) VALUES ($key, $json, $etag)
                ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag
                """;
            var keyParameter = upsert.Parameters.Add("$key", SqliteType.Text);
            var jsonParameter = upsert.Parameters.Add("$json", SqliteType.Text);
            var etagParameter = upsert.Parameters.Add("$etag", SqliteType.Text);
            foreach (var (key, json, _) in rows)
            {
                var etag = Guid.NewGuid().ToString("N");
                keyParameter.Value = key;
                jsonParameter.Value = json;
                etagParameter.Value = etag;
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                etags[key] = etag;
            }
        }

        transaction.Commit();
        return etags;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (keys.Count == 0) return;

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM items WHERE key = $key";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            keyParameter.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        transaction.Commit();
    }

    /// <summary>Releases the pooled connections to the file (so it can be moved or deleted).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void Initialize()
    {
        try
        {
            var folder = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            // One statement per command: errors from later statements of a batch are not always surfaced.
            // journal_mode=WAL is persistent in the file; the table is created once.
            foreach (var sql in (ReadOnlySpan<string>)[
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"),
                "PRAGMA journal_mode = WAL;",
                "CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY, json TEXT NOT NULL, etag TEXT NOT NULL);",
                "SELECT count(*) FROM items WHERE 0;",
            ])
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteScalar();
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            using (var pooled = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(pooled);
            var reason = ex is SqliteException { SqliteErrorCode: 26 } // SQLITE_NOTADB
                ? "the file exists but is not a SQLite database"
                : "the file could not be created or opened";
            throw new InvalidOperationException($"Cannot open the storage database '{DatabasePath}': {reason} ({ex.Message}).", ex);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void ValidateKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The key '{Truncate(key)}' is {key.Length} characters long; the limit is {MaxKeyLength}."),
                parameterName);
        }
    }

    private static string Truncate(string key) => key.Length <= 64 ? key : string.Concat(key.AsSpan(0, 64), "...");
}
