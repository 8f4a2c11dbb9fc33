using Microneedling.BotFramework.Turns;

namespace Microneedling.BotFramework.Tests.Turns;

/// <summary>The one per-conversation turn lock: one turn at a time, bounded waits, no entries left behind.</summary>
public sealed class ConversationTurnLockTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_second_turn_waits_for_the_first_and_the_entry_goes_with_the_last()
    {
        var locks = new ConversationTurnLock();
        var first = await locks.TryEnterAsync("c", Long, CancellationToken.None);
        var second = locks.TryEnterAsync("c", Long, CancellationToken.None);

        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, locks.Count);

        first!.Dispose();
        (await second)!.Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task Other_conversations_do_not_wait()
    {
        var locks = new ConversationTurnLock();
        using var a = await locks.TryEnterAsync("a", Long, CancellationToken.None);
        using var b = await locks.TryEnterAsync("b", TimeSpan.FromMilliseconds(10), CancellationToken.None);
        Assert.NotNull(b);
    }

    [Fact]
    public async Task A_wait_that_times_out_gets_null_and_leaves_no_entry()
    {
        var locks = new ConversationTurnLock();
        var held = await locks.TryEnterAsync("c", Long, CancellationToken.None);

        Assert.Null(await locks.TryEnterAsync("c", TimeSpan.FromMilliseconds(20), CancellationToken.None));

        held!.Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_entry_and_disposing_twice_is_harmless()
    {
        var locks = new ConversationTurnLock();
        var held = await locks.TryEnterAsync("c", Long, CancellationToken.None);
        using var cancel = new CancellationTokenSource(20);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.TryEnterAsync("c", Long, cancel.Token));

        held!.Dispose();
        held.Dispose();
        Assert.Equal(0, locks.Count);
        using var again = await locks.TryEnterAsync("c", TimeSpan.FromMilliseconds(10), CancellationToken.None);
        Assert.NotNull(again);
    }
}
