using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

/// <summary>Whatever arrives, the person gets a clear message and the turn never throws.</summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> BadValues => new()
    {
        "\"just a string\"",
        "[1, 2, 3]",
        "42",
        "{}",
        "{\"action\": 7}",
        "{\"action\": \"launch-rockets\"}",
        "{\"action\": \"pick\", \"claimId\": \"no-such-claim\"}",
        "{\"action\": \"pick\"}",
        "{\"action\": \"pick\", \"claimId\": {\"nested\": true}}",
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_button_value_gets_a_clear_message(string value)
    {
        await _host.Flow()
            .SendValue(JsonNode.Parse(value))
            .AssertReply(reply => Assert.StartsWith("Sorry", reply.Text, StringComparison.Ordinal))
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_Action_Execute_value_answers_200_with_a_clear_message(string value)
    {
        await _host.Flow("msteams")
            .SendExecute(JsonNode.Parse(value))
            .AssertInvokeResponse(response => Assert.Equal(200, response.Status))
            .AssertReply(reply => Assert.StartsWith("Sorry", reply.Text, StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task An_invoke_without_action_data_gets_a_clear_message()
    {
        var flow = _host.Flow("msteams");
        await flow
            .Send(flow.Message(null, a =>
            {
                a.Type = ActivityTypes.Invoke;
                a.Name = "adaptiveCard/action";
                a.Value = new Newtonsoft.Json.Linq.JValue("nope");
            }))
            .AssertInvokeResponse(response => Assert.Equal(200, response.Status))
            .AssertReply(reply => Assert.StartsWith("Sorry", reply.Text, StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_bad_button_value_while_a_prompt_waits_keeps_the_prompt()
    {
        var second = DialogTestHost.Engine.Check(Questions.Vague).Candidates[1].Claim.Id;
        await _host.Flow()
            .Send(Questions.Vague)
            .SkipReplies()
            .SendValue(new JsonObject { ["action"] = "launch-rockets" })
            .AssertReply(reply => Assert.StartsWith("Sorry", reply.Text, StringComparison.Ordinal))
            .Send("2")
            .AssertReply(answer => Assert.Equal(second, (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\u0000\u0007\u001b\u0085")]
    public async Task Empty_or_control_only_text_gets_the_help(string? text)
    {
        await _host.Flow()
            .Send(text)
            .AssertReplyContains("start over")
            .AssertNoMoreReplies()
            .StartTestAsync();
    }

    [Fact]
    public async Task Control_characters_inside_a_question_are_ignored()
    {
        await _host.Flow()
            .Send("is a 2 mm derma\u0000 roller\u001b ok to use at home?\u0007")
            .AssertReply(answer => Assert.Equal("home-needle-length", (string?)Replies.ClaimReview(answer)!["identifier"]))
            .StartTestAsync();
    }

    [Fact]
    public async Task Control_characters_never_reach_the_curator_log()
    {
        await _host.Flow().Send("pizza\u0000 with \u001b[31m pineapple").SkipReplies().StartTestAsync();
        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix)).Value;
        Assert.DoesNotContain((string)record["question"]!, char.IsControl);
    }

    [Fact]
    public async Task Text_over_ten_thousand_characters_is_not_checked_and_gets_please_shorten()
    {
        await _host.Flow()
            .Send(string.Concat(Enumerable.Repeat("derma roller ", 1000)))
            .AssertReplyContains("10000")
            .AssertNoMoreReplies()
            .StartTestAsync();
        Assert.Empty(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix));
    }

    [Fact]
    public async Task Text_of_exactly_ten_thousand_characters_is_checked()
    {
        var text = string.Concat(Enumerable.Repeat("pizza ", 2000))[..9_999] + "?";
        Assert.Equal(10_000, text.Length);
        await _host.Flow()
            .Send(text)
            .AssertReply(reply => Assert.DoesNotContain("10000", Replies.AllText(reply), StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Fact]
    public async Task A_message_without_conversation_or_channel_still_gets_an_answer()
    {
        var flow = _host.Flow();
        var activity = flow.Message(Questions.NeedleLength, a => a.ChannelId = null);
        await flow.Send(activity).SkipReplies().StartTestAsync();
    }
}
