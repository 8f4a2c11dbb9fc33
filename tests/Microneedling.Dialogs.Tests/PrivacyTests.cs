using Microneedling.Dialogs.Tests.Testing;
using Microsoft.Extensions.Logging;

namespace Microneedling.Dialogs.Tests;

/// <summary>Questions are health data: they never reach the logs at Information or above.</summary>
public sealed class PrivacyTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task No_message_text_is_logged_at_information_or_above()
    {
        await _host.Flow()
            .Send(Questions.EmergencyWithClaim).SkipReplies()
            .Send(Questions.Vague).SkipReplies()
            .Send("qwzx blorp").SkipReplies()
            .Send(Questions.Pizza).SkipReplies()
            .SendValue(new System.Text.Json.Nodes.JsonObject { ["action"] = "feedback", ["claimId"] = "home-frequency", ["vote"] = "helpful", ["comment"] = "my secret comment" }).SkipReplies()
            .StartTestAsync();

        var lines = _host.Logs.Lines.Where(l => l.Level >= LogLevel.Information).Select(l => l.Message).ToList();
        Assert.NotEmpty(lines);
        foreach (var word in new[] { "swelling", "breathe", "pizza", "blorp", "secret", "at home" })
            Assert.DoesNotContain(lines, l => l.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Every_turn_is_counted_in_conversation_state()
    {
        var flow = _host.Flow();
        await flow.Send("hi").SkipReplies().Send(Questions.Pizza).SkipReplies().Send("help").SkipReplies().StartTestAsync();
        Assert.Equal(3, (int?)(await _host.Storage.ConversationDataAsync("webchat", flow.ConversationId))!["turns"]);
    }
}
