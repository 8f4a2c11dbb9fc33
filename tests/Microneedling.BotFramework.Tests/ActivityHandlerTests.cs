using System.Text.Json;
using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework.Tests;

public sealed class ActivityHandlerTests
{
    private static TurnContext Turn(string membersAdded) => new(JsonSerializer.Deserialize<Activity>(
        $$"""{"type":"conversationUpdate","channelId":"msteams","recipient":{"id":"28:bot"},"membersAdded":{{membersAdded}}}""",
        BotJson.Options)!, null);

    [Theory]
    [InlineData("[null]", new string[0])]
    [InlineData("""[null, {"id":"28:bot"}, null, {"id":"29:user"}]""", new[] { "29:user" })]
    [InlineData("""[{"id":"28:bot"}, {"id":"29:a"}, {"id":"29:b"}]""", new[] { "29:a", "29:b" })]
    public async Task Null_members_are_skipped_and_only_people_are_passed_on(string membersAdded, string[] expected)
    {
        var handler = new RecordingHandler();

        await handler.OnTurnAsync(Turn(membersAdded), CancellationToken.None);

        Assert.Equal(expected, handler.Added?.Select(m => m.Id).ToArray() ?? []);
    }

    private sealed class RecordingHandler : ActivityHandler
    {
        public IReadOnlyList<ChannelAccount>? Added { get; private set; }

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Added = membersAdded;
            return Task.CompletedTask;
        }
    }
}
