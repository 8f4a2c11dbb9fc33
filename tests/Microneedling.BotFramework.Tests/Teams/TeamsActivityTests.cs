using System.Text;
using Microneedling.BotFramework.Http;
using Microneedling.BotFramework.Teams;
using Microsoft.Bot.Schema;

namespace Microneedling.BotFramework.Tests.Teams;

/// <summary>Entities and channelData are client JSON: malformed parts are skipped, never thrown on.</summary>
public sealed class TeamsActivityTests
{
    private const string BotId = "28:bot";

    // Read as the host reads a posted activity.
    private static Activity Parse(string json) => ActivityReader.Parse(Encoding.UTF8.GetBytes(json))!;

    private static Activity Message(string entities) => Parse(
        $$"""{"type":"message","channelId":"msteams","recipient":{"id":"{{BotId}}"},"text":"<at>Bot</at> hello","entities":{{entities}}}""");

    [Fact]
    public void The_bots_mention_is_removed()
    {
        var activity = Message($$"""[{"type":"mention","mentioned":{"id":"{{BotId}}"},"text":"<at>Bot</at>"}]""");
        Assert.Equal("hello", TeamsActivity.RemoveRecipientMention(activity));
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[null, null]")]
    [InlineData("""[{"type":5}]""")]
    [InlineData("""[{"type":true}]""")]
    [InlineData("""[{"type":{"a":1}}]""")]
    [InlineData("""[{"type":"mention","mentioned":{"id":42},"text":"<at>Bot</at>"}]""")]
    [InlineData("""[{"type":"mention","mentioned":{"id":["28:bot"]},"text":"<at>Bot</at>"}]""")]
    [InlineData("""[{"type":"mention","mentioned":[1],"text":"<at>Bot</at>"}]""")]
    [InlineData("""[{"type":"mention","mentioned":{"id":"28:bot"},"text":5}]""")]
    [InlineData("""[{"type":"mention","mentioned":{"id":"28:bot"},"text":null}]""")]
    [InlineData("""[{"type":"mention","mentioned":{"id":"28:bot"},"text":[]}]""")]
    [InlineData("""[{"type":"mention","type":"mention","mentioned":{"id":"28:bot"},"text":"<at>Bot</at>"}]""")]
    [InlineData("""[{"type":"mention","mentioned":{"id":"28:bot","id":"28:bot"},"text":"<at>Bot</at>"}]""")]
    public void Malformed_entities_are_skipped_and_never_throw(string entities)
    {
        var activity = Message(entities);
        // The <at> tags still go (Teams), so the question reads the same.
        Assert.Equal("hello", TeamsActivity.RemoveRecipientMention(activity));
    }

    [Fact]
    public void A_malformed_entity_does_not_stop_a_good_one_being_read()
    {
        var activity = Message($$"""[null, {"type":7}, {"type":"mention","mentioned":{"id":"{{BotId}}"},"text":"<at>Bot</at>"}]""");
        activity.ChannelId = "webchat";
        Assert.Equal("hello", TeamsActivity.RemoveRecipientMention(activity));
    }

    [Fact]
    public void A_mention_without_an_id_is_not_the_bots_when_the_bot_has_no_id()
    {
        var activity = Parse("""{"type":"message","channelId":"webchat","text":"<at>Someone</at> hi","entities":[{"type":"mention","mentioned":{},"text":"<at>Someone</at>"}]}""");
        Assert.Equal("<at>Someone</at> hi", TeamsActivity.RemoveRecipientMention(activity));
    }

}
