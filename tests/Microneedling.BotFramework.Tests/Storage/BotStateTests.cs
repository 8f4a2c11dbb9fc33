using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;

namespace Microneedling.BotFramework.Tests.Storage;

public sealed class BotStateTests
{
    private static TurnContext Turn(string conversationId = "c1") => new(
        new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "test",
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = "u1" },
        },
        send: null);

    [Fact]
    public async Task State_written_in_one_turn_is_read_in_the_next()
    {
        var storage = new MemoryStorage();
        var state = BotState.Conversation(storage);

        var first = Turn();
        (await state.GetAsync(first))["count"] = 1;
        await state.SaveChangesAsync(first);

        var second = Turn();
        Assert.Equal(1, (int)(await state.GetAsync(second))["count"]!);
    }

    [Fact]
    public async Task Unchanged_state_is_not_written()
    {
        var storage = new MemoryStorage();
        var state = BotState.Conversation(storage);
        var turn = Turn();

        await state.GetAsync(turn);
        await state.SaveChangesAsync(turn);

        Assert.Empty(await storage.ReadAsync(["test/conversations/c1"]));
    }

    [Fact]
    public async Task Two_turns_creating_the_same_new_state_do_not_lose_a_write_silently()
    {
        var storage = new MemoryStorage();
        var state = BotState.Conversation(storage);
        var a = Turn();
        var b = Turn();
        (await state.GetAsync(a))["by"] = "a";
        (await state.GetAsync(b))["by"] = "b";

        await state.SaveChangesAsync(a);

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => state.SaveChangesAsync(b));
        Assert.Equal("a", (string?)(await storage.ReadAsync(["test/conversations/c1"]))["test/conversations/c1"].Value["by"]);
    }

    [Fact]
    public async Task A_stale_turn_cannot_overwrite_a_newer_write()
    {
        var storage = new MemoryStorage();
        var state = BotState.Conversation(storage);
        var setup = Turn();
        (await state.GetAsync(setup))["n"] = 0;
        await state.SaveChangesAsync(setup);

        var slow = Turn();
        var fast = Turn();
        (await state.GetAsync(slow))["n"] = 1;
        (await state.GetAsync(fast))["n"] = 2;
        await state.SaveChangesAsync(fast);

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => state.SaveChangesAsync(slow));
    }

    [Fact]
    public async Task Saving_twice_in_one_turn_uses_the_new_etag()
    {
        var storage = new MemoryStorage();
        var state = BotState.Conversation(storage);
        var turn = Turn();
        var value = await state.GetAsync(turn);

        value["step"] = 1;
        await state.SaveChangesAsync(turn);
        value["step"] = 2;
        await state.SaveChangesAsync(turn);

        Assert.Equal(2, (int)(await storage.ReadAsync(["test/conversations/c1"]))["test/conversations/c1"].Value["step"]!);
    }
}
