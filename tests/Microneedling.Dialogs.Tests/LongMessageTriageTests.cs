using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

/// <summary>A message too long to answer is still triaged: an emergency gets the urgent message first.</summary>
public sealed class LongMessageTriageTests : IDisposable
{
    private const string Emergency = "I can't breathe and my throat is closing.";

    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string Padding => string.Concat(Enumerable.Repeat("derma roller ", 1000));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_red_flag_in_an_over_long_message_comes_first_then_please_shorten(bool atStart)
    {
        var text = atStart ? Emergency + " " + Padding : Padding + " " + Emergency;
        Assert.True(text.Length > 10_000);
        await _host.Flow()
            .Send(text)
            .AssertReply(first =>
            {
                Assert.Contains("emergency", Replies.AllText(first), StringComparison.OrdinalIgnoreCase);
                Assert.Null(first.Entities);
            })
            .AssertReplyContains("10000")
            .AssertNoMoreReplies()
            .StartTestAsync();
        Assert.Empty(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix));
    }

    [Fact]
    public async Task An_over_long_Action_Execute_question_with_a_red_flag_says_get_help_in_the_status_line()
    {
        var data = new System.Text.Json.Nodes.JsonObject { ["action"] = "ask", ["question"] = Emergency + " " + Padding };
        await _host.Flow("msteams")
            .SendExecute(data)
            .AssertInvokeResponse(response => Assert.Contains("help now", (string)Assert.IsType<Microsoft.Bot.Schema.AdaptiveCardInvokeResponse>(response.Body).Value, StringComparison.OrdinalIgnoreCase))
            .AssertReplyContains("emergency")
            .AssertReplyContains("10000")
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task An_over_long_message_without_a_red_flag_gets_only_please_shorten()
    {
        await _host.Flow()
            .Send(Padding + "\U0001F642" + Padding)
            .AssertReplyContains("10000")
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
