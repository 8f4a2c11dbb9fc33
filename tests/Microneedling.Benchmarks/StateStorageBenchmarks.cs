using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microneedling.BotFramework;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;

namespace Microneedling.Benchmarks;

/// <summary>
/// What conversation state costs a turn: load the state, change it, save it with its ETag, as the
/// bot does once per message — on the SQLite file store (the default) and in memory. Conversations
/// rotate over a fixed set so the table holds realistic rows and every save is an update.
/// </summary>
[MemoryDiagnoser]
public class StateStorageBenchmarks
{
    private const int Conversations = 1_000;
    private string _folder = null!;
    private SqliteStorage _sqlite = null!;
    private BotState _sqliteState = null!;
    private BotState _memoryState = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mn-bench-" + Guid.NewGuid().ToString("N"));
        _sqlite = new SqliteStorage(Path.Combine(_folder, "state.db"));
        _sqliteState = BotState.Conversation(_sqlite);
        _memoryState = BotState.Conversation(new MemoryStorage());
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

    private async Task TurnAsync(BotState state)
    {
        var id = "bench-" + (_next++ % Conversations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var turn = new TurnContext(
            new Activity { Type = ActivityTypes.Message, ChannelId = "webchat", Conversation = new ConversationAccount { Id = id } },
            send: null);
        var value = await state.GetAsync(turn);
        value["lastClaims"] = new JsonArray("home-frequency", "home-needle-length");
        value["turns"] = ((int?)value["turns"] ?? 0) + 1;
        await state.SaveChangesAsync(turn);
    }
}
