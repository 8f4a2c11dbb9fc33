using Microneedling.FactCheck;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>
/// The bot as the host wires it (<c>AddMicroneedlingDialogs</c>: the real <see cref="MicroneedlingBot"/>,
/// dialogs and renderer) over the real engine, the SDK's <see cref="ConversationState"/> and
/// in-memory storage that remembers the keys written. Log lines are captured so tests can check no
/// message text reaches them.
/// </summary>
public sealed class DialogTestHost : IDisposable
{
    private static readonly Lazy<FactChecker> SharedEngine = new(() => FactChecker.Load());
    private readonly ServiceProvider _services;

    /// <param name="settings">Configuration values ("Dialogs:MaxReprompts" ...).</param>
    /// <param name="resolveDialogs">False to build the services without resolving the bot (for option errors).</param>
    public DialogTestHost(IReadOnlyDictionary<string, string?>? settings = null, bool resolveDialogs = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton(SharedEngine.Value);
        services.AddSingleton<IStorage>(Storage);
        services.AddSingleton(new ConversationState(Storage));
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddMicroneedlingDialogs();
        _services = services.BuildServiceProvider(validateScopes: true);
        if (resolveDialogs) Bot = _services.GetRequiredService<IBot>();
    }

    public IServiceProvider Services => _services;

    public static FactChecker Engine => SharedEngine.Value;

    public RecordingStorage Storage { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The host's bot: <see cref="MicroneedlingBot"/>.</summary>
    public IBot Bot { get; } = null!;

    public TestFlow Flow(string channelId = "webchat") => new(this, channelId);

    public void Dispose() => _services.Dispose();
}
