using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// Durable <see cref="IStorage"/> (the SDK's interface) on a single SQLite file, with the ETag rules of
/// <see cref="StoredJson"/> (shared with <see cref="InMemoryStorage"/>); keys of any length are stored
/// through <see cref="StoredJson.StoredKey"/>. Each operation takes an open connection from a small pool of its own
/// (one operation per connection at a time), so one instance can be shared across threads; several
/// instances or processes can use the same file: the database runs in WAL mode and waits on locks
/// (busy timeout) instead of failing. Each write is one conditional statement per item (the ETag check
/// and the write are atomic); several items share one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
public sealed class SqliteStorage : IStorage, IStorageScan, IDisposable
{
    /// <summary>Largest accepted value, in bytes of UTF-8 JSON (1 MB).</summary>
    public const int MaxValueBytes = 1024 * 1024;

    private const int BusyTimeoutMilliseconds = 30_000;

    // Open connections with their prepared statements, kept between operations: opening a connection
    // and preparing statements cost more than the statements themselves (StateStorageBenchmarks).
    private const int MaxIdleSessions = 16;

    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteSession> _idle = [];
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

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        if (keys.Length == 0) return result;

        var session = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Several keys are read in one transaction so they come from the same snapshot; one key needs none.
            using var transaction = keys.Length > 1 ? session.Connection.BeginTransaction(deferred: true) : null;
            var select = session.Select;
            select.Transaction = transaction;
            foreach (var key in keys)
            {
                ArgumentNullException.ThrowIfNull(key, nameof(keys));
                if (result.ContainsKey(key)) continue;
                select.Parameters[0].Value = StoredJson.StoredKey(key);
                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    result[key] = StoredJson.FromStored(reader.GetString(0), reader.GetString(1));
            }
            transaction?.Commit();
        }
        finally
        {
            Return(session);
        }
        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (changes.Count == 0) return;

        // Validate and serialize everything before touching the database.
        var rows = new List<(string Key, object Value, string Json, string? ExpectedETag)>(changes.Count);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            ArgumentNullException.ThrowIfNull(value, nameof(changes));
            var (json, expected) = StoredJson.ToStoredText(value, MaxValueBytes, nameof(changes));
            rows.Add((key, value, json, expected));
        }

        var written = new List<(object Value, string ETag)>(rows.Count);
        var session = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Each row is one conditional statement (the ETag check and the write are atomic in SQLite).
            // Several rows share a BEGIN IMMEDIATE transaction, so a conflict on any of them writes none.
            using var transaction = rows.Count > 1 ? session.Connection.BeginTransaction(deferred: false) : null;
            foreach (var (key, value, json, expected) in rows)
            {
                var command = expected switch
                {
                    StoredJson.AnyETag => session.Upsert,
                    null => session.Insert,
                    _ => session.Update,
                };
                var etag = Guid.NewGuid().ToString("N");
                command.Transaction = transaction;
                command.Parameters["$key"].Value = StoredJson.StoredKey(key);
                command.Parameters["$json"].Value = json;
                command.Parameters["$etag"].Value = etag;
                if (command == session.Update) command.Parameters["$expected"].Value = expected;
                var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (changed == 0) throw StorageConcurrencyException.For(key); // the transaction is rolled back on dispose
                written.Add((value, etag));
            }
            transaction?.Commit();
        }
        finally
        {
            Return(session);
        }
        foreach (var (value, etag) in written) StoredJson.SetETag(value, etag);
    }

    public async Task<IReadOnlyList<KeyValuePair<string, object>>> ScanAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var items = new List<KeyValuePair<string, object>>();
        var session = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = session.Connection.CreateCommand();
            // A key range, not LIKE: the primary key's index serves it and no character needs escaping.
            // (Keys over 255 characters are stored as a head plus a hash, so a prefix is matched on the stored key.)
            command.CommandText = "SELECT key, json, etag FROM items WHERE key >= $from AND key < $to ORDER BY key";
            command.Parameters.AddWithValue("$from", prefix);
            command.Parameters.AddWithValue("$to", prefix[..^1] + (char)(prefix[^1] + 1));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                items.Add(new(reader.GetString(0), StoredJson.FromStored(reader.GetString(1), reader.GetString(2))));
        }
        finally
        {
            Return(session);
        }
        return items;
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (keys.Length == 0) return;

        var session = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            using var command = session.Connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM items WHERE key = $key";
            var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
            foreach (var key in keys)
            {
                ArgumentNullException.ThrowIfNull(key, nameof(keys));
                keyParameter.Value = StoredJson.StoredKey(key);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            transaction.Commit();
        }
        finally
        {
            Return(session);
        }
    }

    /// <summary>Releases the pooled connections to the file (so it can be moved or deleted).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        while (_idle.TryTake(out var session)) session.Dispose();
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

    private async Task<SqliteSession> RentAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var idle)) return idle;
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            // synchronous=NORMAL in WAL mode: a commit no longer waits for an fsync (only checkpoints do).
            // The file stays consistent after any crash; an OS crash or power cut can lose the last few
            // commits, which for conversation state is a forgotten turn, not corruption.
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteSession(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Return(SqliteSession session)
    {
        // A session is reused only when it is clean; one that failed mid-way is simply closed.
        if (!_disposed && session.Connection.State == System.Data.ConnectionState.Open && _idle.Count < MaxIdleSessions)
            _idle.Add(session);
        else
            session.Dispose();
    }
}
