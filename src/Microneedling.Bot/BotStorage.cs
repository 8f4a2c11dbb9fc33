using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;

namespace Microneedling.Bot;

/// <summary>
/// Picks the state store from configuration: a SQLite file (the default; Storage:Path, else the
/// app's data folder) or memory (Storage:Provider=memory, for tests and throwaway runs). Both are the
/// SDK's <see cref="IStorage"/> with real ETags.
/// </summary>
internal static partial class BotStorage
{
    public static IStorage Create(IConfiguration config, IHostEnvironment environment, ILogger logger)
    {
        var provider = config["Storage:Provider"] ?? "sqlite";
        if (string.Equals(provider, "memory", StringComparison.OrdinalIgnoreCase)) return new InMemoryStorage();
        if (!string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported: use 'sqlite' or 'memory'.");

        var folder = config["Storage:Path"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, "App_Data");
        var file = Path.Combine(folder, "state.db");
        LogStore(logger, file);
        return new SqliteStorage(file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation state is stored in {File}")]
    private static partial void LogStore(ILogger logger, string file);
}
