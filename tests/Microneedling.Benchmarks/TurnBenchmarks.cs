using BenchmarkDotNet.Attributes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs;
using Microneedling.FactCheck;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Microneedling.Benchmarks;

/// <summary>
/// One message turn through the bot as the host wires it (MicroneedlingBot: state load, root dialog,
/// engine, card rendering, state save) on in-memory storage through the SDK's test adapter, then the
/// replies serialized as the expectReplies body — everything of a turn but HTTP and the storage file.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private const int Conversations = 64;
    private static readonly JsonSerializerSettings Wire = new() { NullValueHandling = NullValueHandling.Ignore };
    private readonly TestAdapter _adapter = new();
    private ServiceProvider _services = null!;
    private IBot _bot = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        var storage = new InMemoryStorage();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(FactChecker.Load());
        services.AddSingleton<IStorage>(storage);
        services.AddSingleton(new ConversationState(storage));
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddMicroneedlingDialogs();
        _services = services.BuildServiceProvider();
        _bot = _services.GetRequiredService<IBot>();
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
            using var turn = new TurnContext(_adapter, new Activity
            {
                Type = ActivityTypes.Message,
                Id = "m" + n,
                ChannelId = "webchat",
                ServiceUrl = "http://localhost:3978",
                DeliveryMode = DeliveryModes.ExpectReplies,
                Conversation = new ConversationAccount(id: "bench-" + (n % Conversations)),
                From = new ChannelAccount(id: "u" + (n % Conversations)),
                Recipient = new ChannelAccount(id: "bot"),
                Text = question,
            });
            await _bot.OnTurnAsync(turn, CancellationToken.None);
            bytes += JsonConvert.SerializeObject(new ExpectedReplies(turn.BufferedReplyActivities), Wire).Length;
        }
        return bytes;
    }
}
