using Microneedling.BotFramework;
using Microneedling.BotFramework.Turns;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Microneedling.BotFramework.Tests.Turns;

/// <summary>The re-delivery answers kept in process: found again by the same activity, bounded in bytes.</summary>
public sealed class RecentTurnsTests
{
    private static Activity Message(string id, string conversation = "c1") =>
        new() { Type = ActivityTypes.Message, Id = id, ChannelId = "msteams", Conversation = new ConversationAccount { Id = conversation } };

    private static RecentTurns Create(int megabytes) =>
        new(Options.Create(new MessagesOptions { RecentTurnsMegabytes = megabytes }));

    [Fact]
    public void A_re_delivered_activity_finds_its_answer_and_another_conversation_does_not()
    {
        using var turns = Create(1);
        var answer = new TurnAnswer(200, """{"activities":[]}""");
        turns.Remember(Message("a1"), answer);

        Assert.Equal(answer, turns.Find(Message("a1")));
        Assert.Null(turns.Find(Message("a1", conversation: "c2")));
        Assert.Null(turns.Find(Message("a2")));
    }

    [Fact]
    public async Task Answers_beyond_the_byte_budget_are_let_go_and_the_newest_are_kept()
    {
        using var turns = Create(1);
        // 20 KB answers (40 KB as text in memory): a 1 MiB budget holds about 25 of them.
        var json = "{\"text\":\"" + new string('x', 20_000) + "\"}";
        for (var i = 0; i < 400; i++)
        {
            turns.Remember(Message("m" + i), new TurnAnswer(200, json));
            if (i % 50 == 0) await Task.Delay(20); // the cache compacts in the background
        }
        await Task.Delay(200);
        turns.Remember(Message("last"), new TurnAnswer(200, json));

        var kept = Enumerable.Range(0, 400).Count(i => turns.Find(Message("m" + i)) is not null);
        Assert.InRange(kept, 1, 30);
        Assert.NotNull(turns.Find(Message("last")));
    }
}
