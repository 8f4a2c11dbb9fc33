using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microneedling.BotFramework;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs;
using Microneedling.Dialogs.Flows;
using Microneedling.FactCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.Benchmarks;

/// <summary>
/// One message turn through the dialogs as the host wires them (engine, dialog stack in
/// conversation state, card rendering) on in-memory storage, then the replies serialized as the
/// expectReplies body — everything of a turn but HTTP and the storage file.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private const int Conversations = 64;
    private ServiceProvider _services = null!;
    private MainDialog _dialogs = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(FactChecker.Load());
        services.AddSingleton<IStorage>(new MemoryStorage());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMicroneedlingDialogs();
        _services = services.BuildServiceProvider();
        _dialogs = _services.GetRequiredService<MainDialog>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(OperationsPerInvoke = 16)]
    public async Task<int> MessageTurn()
    {
        var bytes = 0;
        foreach (var question in Questions.Mix)
        {
            var n = _next++;
            var turn = new TurnContext(
                new Activity
                {
                    Type = ActivityTypes.Message,
                    Id = "m" + n,
                    ChannelId = "webchat",
                    ServiceUrl = "http://localhost:3978",
                    Conversation = new ConversationAccount { Id = "bench-" + (n % Conversations) },
                    From = new ChannelAccount { Id = "u" + (n % Conversations) },
                    Recipient = new ChannelAccount { Id = "bot" },
                    Text = question,
                },
                send: null);
            await _dialogs.OnMessageAsync(turn, CancellationToken.None);
            bytes += JsonSerializer.SerializeToUtf8Bytes(new { activities = turn.SentActivities }, BotJson.Options).Length;
        }
        return bytes;
    }
}
