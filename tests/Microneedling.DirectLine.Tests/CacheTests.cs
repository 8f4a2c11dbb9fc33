using Microsoft.Bot.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tests;

/// <summary>Idle conversations leave memory (they stay in storage), and loaded transcripts keep to a byte budget.</summary>
public sealed class CacheTests
{
    private readonly InMemoryStorage _storage = new();
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Quiet_conversation_is_unloaded_by_the_sweep_and_reloads_with_its_transcript()
    {
        using var store = NewStore(new DirectLineOptions { UnloadAfter = TimeSpan.FromMinutes(2) });
        var (conversation, _) = await store.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);
        await store.AppendAsync(conversation!, UserMessage("one"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(3));

        await store.SweepAsync(CancellationToken.None);

        Assert.Equal(0, store.LoadedCount);
        var reloaded = await store.FindAsync("conv-1", CancellationToken.None);
        Assert.NotSame(conversation, reloaded);
        Assert.Contains("\"one\"", reloaded!.ReadAfter(0, 100, includeTyping: true).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_through_a_copy_unloaded_meanwhile_goes_to_the_current_copy_in_order()
    {
        using var store = NewStore(new DirectLineOptions { UnloadAfter = TimeSpan.FromMinutes(2) });
        var (stale, _) = await store.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);
        await store.AppendAsync(stale!, UserMessage("one"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await store.SweepAsync(CancellationToken.None);
        var current = await store.FindAsync("conv-1", CancellationToken.None);
        await store.AppendAsync(current!, UserMessage("two"), CancellationToken.None);

        var id = await store.AppendAsync(stale!, UserMessage("three"), CancellationToken.None);

        Assert.Equal("conv-1|0000003", id);
        Assert.Contains("\"three\"", current!.ReadAfter(2, 100, includeTyping: true).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loaded_transcripts_over_the_byte_budget_unload_the_least_recently_used()
    {
        using var store = NewStore(new DirectLineOptions { MaxLoadedTranscriptBytes = 1024 * 1024 });
        var text = new string('x', 200 * 1024);
        foreach (var id in new[] { "a", "b", "c" })
        {
            var (conversation, _) = await store.StartAsync(id, "dl_u", client: null, CancellationToken.None);
            await store.AppendAsync(conversation!, UserMessage(text), CancellationToken.None);
            await store.AppendAsync(conversation!, UserMessage(text), CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        await store.SweepAsync(CancellationToken.None);

        Assert.Equal(2, store.LoadedCount);
        Assert.NotNull(await store.FindAsync("a", CancellationToken.None)); // still in storage
    }

    private static Activity UserMessage(string text) =>
        new() { Type = "message", Text = text, From = new ChannelAccount(id: "dl_u", role: "user") };

    private DirectLineConversationStore NewStore(DirectLineOptions options) =>
        new(_storage, Options.Create(options), _clock, NullLogger<DirectLineConversationStore>.Instance);
}
