using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// The configuration contract of the shared store: <c>Storage:Provider=redis</c> with
/// <c>ConnectionStrings:Redis</c> (a StackExchange.Redis connection string) puts everything shared in
/// Redis. One <see cref="IConnectionMultiplexer"/> per process, shared by every Redis-backed service.
/// </summary>
public static class RedisConnection
{
    /// <summary>The <c>Storage:Provider</c> value that selects Redis.</summary>
    public const string ProviderName = "redis";

    /// <summary>The prefix of every key this application writes, so one Redis can host other data beside it.</summary>
    public const string KeyPrefix = "mn:";

    /// <summary>Whether <c>Storage:Provider</c> selects Redis.</summary>
    public static bool IsSelected(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration["Storage:Provider"], ProviderName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Registers the process's one connection (opened on first use), once however many callers ask.</summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => Connect(configuration.GetConnectionString("Redis")));
        return services;
    }

    /// <summary>
    /// Connects without waiting for Redis to be up: a host started during an outage comes up (not
    /// ready) and reconnects by itself. Commands fail fast while disconnected instead of queueing, so
    /// a turn during an outage answers 503 at once rather than after every command's timeout.
    /// </summary>
    /// <exception cref="InvalidOperationException">No connection string, or one StackExchange.Redis cannot parse.</exception>
    public static ConnectionMultiplexer Connect(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Storage:Provider is 'redis' but ConnectionStrings:Redis is not set.");
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message would quote the string, which may hold the password: only say that it is wrong.
            throw new InvalidOperationException("ConnectionStrings:Redis is not a valid StackExchange.Redis connection string.", ex);
        }
        // Bounded waits: a command never blocks a turn longer than this (the defaults are 5 s each).
        if (!connectionString.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) options.AsyncTimeout = 3000;
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 3000;
        return Connect(options);
    }

    /// <summary>Connects as <see cref="Connect(string?)"/> does, with options built by the caller (the CLI's redis:// address).</summary>
    public static ConnectionMultiplexer Connect(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect attempts every second (the default backs off to much longer): /readyz turns 200
        // again within a couple of seconds of Redis coming back.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName ??= "microneedling-bot";
        return ConnectionMultiplexer.Connect(options);
    }

    /// <summary>Whether <paramref name="exception"/> means Redis could not be reached (rather than a bug or a conflict).</summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or StorageUnavailableException
        || (exception is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    /// <summary>Runs a Redis call, turning an outage into <see cref="StorageUnavailableException"/> (the message names no key).</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex) && ex is not StorageUnavailableException)
        {
            throw new StorageUnavailableException("Redis could not be reached in time.", ex);
        }
    }
}
