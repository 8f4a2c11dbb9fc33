using System.Globalization;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using StackExchange.Redis;

namespace Microneedling.Cli.Curation;

/// <summary>
/// The store the bot writes, named by <c>--store</c>: a SQLite file (its state.db) or a Redis address
/// <c>redis://[[user]:password@]host[:port][/database]</c> (<c>rediss://</c> for TLS), the Redis the host
/// uses with <c>Storage:Provider=redis</c>.
/// </summary>
internal sealed class CuratorStore : IDisposable
{
    private readonly IDisposable _owned;

    private CuratorStore(IStorage storage, IDisposable owned)
    {
        Storage = storage;
        _owned = owned;
    }

    /// <summary>The store, with its <see cref="IStorageScan"/> (every kind of store the bot uses has one).</summary>
    public IStorage Storage { get; }

    public IStorageScan Scan => (IStorageScan)Storage;

    /// <summary>Why <paramref name="address"/> names no store (a usage error), or null.</summary>
    public static string? Problem(string address)
    {
        if (IsRedis(address)) return RedisOptions(address) is null ? $"'{Redacted(address)}' is not a Redis address: redis://[[user]:password@]host[:port][/database]." : null;
        return File.Exists(address) ? null : $"File does not exist: '{address}'.";
    }

    /// <summary>Opens the store <paramref name="address"/> names (checked with <see cref="Problem"/> first).</summary>
    public static CuratorStore Open(string address)
    {
        if (!IsRedis(address))
        {
            var sqlite = new SqliteStorage(Path.GetFullPath(address));
            return new(sqlite, sqlite);
        }
        var options = RedisOptions(address) ?? throw new ArgumentException("Not a Redis address.", nameof(address));
        options.ClientName = "microneedling-cli";
        var connection = RedisConnection.Connect(options);
        return new(new RedisStorage(connection), connection);
    }

    public void Dispose() => _owned.Dispose();

    /// <summary>The address without its password, to name it in a message.</summary>
    public static string Redacted(string address) =>
        IsRedis(address) && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? address.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : address;

    private static bool IsRedis(string address) =>
        address.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase);

    private static ConfigurationOptions? RedisOptions(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0) return null;
        var options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            if (parts[0].Length > 0) options.User = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) options.Password = Uri.UnescapeDataString(parts[1]);
        }
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database)) return null;
            options.DefaultDatabase = database;
        }
        options.AsyncTimeout = 3000;
        options.ConnectTimeout = 3000;
        return options;
    }
}
