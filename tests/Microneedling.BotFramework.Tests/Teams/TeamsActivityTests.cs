using System.Text.Json;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Teams;

namespace Microneedling.BotFramework.Tests.Teams;

/// <summary>Entities and channelData are client JSON: malformed parts are skipped, never thrown on.</summary>
public sealed class TeamsActivityTests
{
    private const string BotId = "28:bot";

    private static Activity Parse(string json) => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;

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

    [Theory]
    [InlineData("""{"tenant":{"id":"t1"},"team":{"id":"team1"}}""", "t1", "team1")]
    [InlineData("""{"tenant":{"id":5},"team":{"id":false}}""", "conv-tenant", null)]
    [InlineData("""{"tenant":"t1","team":["team1"]}""", "conv-tenant", null)]
    [InlineData("""{"tenant":null,"team":null}""", "conv-tenant", null)]
    [InlineData("""[1,2]""", "conv-tenant", null)]
    [InlineData("\"text\"", "conv-tenant", null)]
    [InlineData("42", "conv-tenant", null)]
    [InlineData("""{"tenant":{"id":"t1","id":"t2"},"team":{"id":"a","id":"b"}}""", "conv-tenant", null)]
    [InlineData("""{"tenant":{"id":"t1"},"tenant":{"id":"t2"}}""", "conv-tenant", null)]
    public void Tenant_and_team_are_read_only_when_they_are_strings(string channelData, string? tenant, string? team)
    {
        var activity = new Activity
        {
            ChannelData = JsonNode.Parse(channelData),
            Conversation = new ConversationAccount { Id = "c", TenantId = "conv-tenant" },
        };
        Assert.Equal(tenant, TeamsActivity.TenantId(activity));
        Assert.Equal(team, TeamsActivity.TeamId(activity));
    }
}
