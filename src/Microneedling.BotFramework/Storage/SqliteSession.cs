using Microsoft.Data.Sqlite;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// One open connection of <see cref="SqliteStorage"/> with the statements every turn runs, prepared
/// once. Used by one operation at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
        Select = Command("SELECT json, etag FROM items WHERE key = $key", "$key");
        Upsert = Command(
            "INSERT INTO items (key, json, etag) VALUES ($key, $json, $etag) ON CONFLICT (key) DO UPDATE SET json = excluded.json, etag = excluded.etag",
            "$key", "$json", "$etag");
        Insert = Command("INSERT INTO items (key, json, etag) VALUES ($key, $json, $etag) ON CONFLICT (key) DO NOTHING", "$key", "$json", "$etag");
        Update = Command("UPDATE items SET json = $json, etag = $etag WHERE key = $key AND etag = $expected", "$key", "$json", "$etag", "$expected");
    }

    public SqliteConnection Connection { get; }

    /// <summary>Reads one item: json, etag.</summary>
    public SqliteCommand Select { get; }

    /// <summary>Writes one item unconditionally (ETag "*").</summary>
    public SqliteCommand Upsert { get; }

    /// <summary>Creates one item; changes no row when the key exists (no ETag).</summary>
    public SqliteCommand Insert { get; }

    /// <summary>Updates one item; changes no row when its ETag is not $expected.</summary>
    public SqliteCommand Update { get; }

    public void Dispose()
    {
        Select.Dispose();
        Upsert.Dispose();
        Insert.Dispose();
        Update.Dispose();
        Connection.Dispose();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(name, SqliteType.Text);
        command.Prepare();
        return command;
    }
}
