using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using StackExchange.Redis;

namespace Microneedling.Bot;

/// <summary>
/// Picks the state store from configuration: a SQLite file (the default; Storage:Path, else the
/// app's data folder), Redis (Storage:Provider=redis with ConnectionStrings:Redis: shared by every
/// instance) or memory (Storage:Provider=memory, for tests and throwaway runs). All are the SDK's
/// <see cref="IStorage"/> with real ETags.
/// </summary>
internal static partial class BotStorage
{
    // Direct Line transcripts and their conversations' bot state get a time to live in Redis, so an
    // idle conversation is forgotten even when no instance sweeps; twice the idle timeout leaves the
    // exact expiry to the sweeper and only catches what it missed. (Not the signing key or the index.)
    private static readonly string[] ExpiringPrefixes = ["directline:transcript/", "directline/conversations/"];

    public static IStorage Create(IConfiguration config, IHostEnvironment environment, IServiceProvider services, ILogger logger)
    {
        var provider = config["Storage:Provider"] ?? "sqlite";
        if (string.Equals(provider, "memory", StringComparison.OrdinalIgnoreCase)) return new InMemoryStorage();
        if (RedisConnection.IsSelected(config))
        {
            var idle = config.GetValue<TimeSpan?>("DirectLine:ConversationIdleTimeout") ?? TimeSpan.FromHours(1);
            LogRedis(logger);
            return new RedisStorage(services.GetRequiredService<IConnectionMultiplexer>(), key => ExpiringPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)) ? idle * 2 : null);
        }
        if (!string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported: use 'sqlite', 'redis' or 'memory'.");

        var folder = config["Storage:Path"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, "App_Data");
        var file = Path.Combine(folder, "state.db");
        LogStore(logger, file);
        return new SqliteStorage(file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state is stored in {File}")]
    private static partial void LogStore(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state, Direct Line and turn locks are shared in Redis")]
    private static partial void LogRedis(ILogger logger);
}
