using Microneedling.BotFramework;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Flows;
using Microneedling.FactCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>
/// The dialogs as the host wires them (<c>AddMicroneedlingDialogs</c>) over the real engine and
/// in-memory storage that remembers the keys written, plus a turn handler shaped like the bot's.
/// Log lines are captured so tests can check no message text reaches them.
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
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddMicroneedlingDialogs();
        _services = services.BuildServiceProvider(validateScopes: true);
        if (resolveDialogs) Bot = new TestBot(_services.GetRequiredService<MainDialog>());
    }

    public IServiceProvider Services => _services;

    public static FactChecker Engine => SharedEngine.Value;

    public RecordingStorage Storage { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public IBot Bot { get; } = null!;

    public TestFlow Flow(string channelId = "webchat") => new(this, channelId);

    public void Dispose() => _services.Dispose();

    /// <summary>The same dispatch as the host's MicroneedlingBot, which lives in the web project.</summary>
    private sealed class TestBot(MainDialog dialogs) : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            dialogs.OnMessageAsync(turnContext, cancellationToken);

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
            dialogs.OnMembersAddedAsync(turnContext, cancellationToken);

        protected override async Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.Activity.Name == MainDialog.CardActionInvokeName
                ? await dialogs.OnCardActionInvokeAsync(turnContext, cancellationToken)
                : null;
    }
}
