using BenchmarkDotNet.Attributes;
using Microneedling.BotFramework.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Microneedling.Benchmarks;

/// <summary>
/// What conversation state costs a turn: load the state through the SDK's ConversationState and a
/// typed accessor, change it, save it with its ETag, as the bot does once per message — on the
/// SQLite file store (the default) and in memory. Conversations rotate over a fixed set so the table
/// holds realistic rows and every save is an update.
/// </summary>
[MemoryDiagnoser]
public class StateStorageBenchmarks
{
    private const int Conversations = 1_000;
    private readonly TestAdapter _adapter = new();
    private string _folder = null!;
    private SqliteStorage _sqlite = null!;
    private ConversationState _sqliteState = null!;
    private ConversationState _memoryState = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mn-bench-" + Guid.NewGuid().ToString("N"));
        _sqlite = new SqliteStorage(Path.Combine(_folder, "state.db"));
        _sqliteState = new ConversationState(_sqlite);
        _memoryState = new ConversationState(new InMemoryStorage());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task TurnOnMemory() => TurnAsync(_memoryState);

    [Benchmark]
    public Task TurnOnSqlite() => TurnAsync(_sqliteState);

    private async Task TurnAsync(ConversationState state)
    {
        var id = "bench-" + (_next++ % Conversations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var turn = new TurnContext(_adapter, new Activity { Type = ActivityTypes.Message, ChannelId = "webchat", Conversation = new ConversationAccount(id: id) });
        var accessor = state.CreateProperty<Data>("conversationData");
        var value = await accessor.GetAsync(turn, () => new Data());
        value.LastClaims = ["home-frequency", "home-needle-length"];
        value.Turns++;
        await accessor.SetAsync(turn, value);
        await state.SaveChangesAsync(turn);
    }

    private sealed class Data
    {
        [JsonProperty("lastClaims")]
        public List<string> LastClaims { get; set; } = [];

        [JsonProperty("turns")]
        public int Turns { get; set; }
    }
}
