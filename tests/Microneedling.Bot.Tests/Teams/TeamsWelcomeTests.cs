using System.Net;
using System.Text.Json.Nodes;

namespace Microneedling.Bot.Tests.Teams;

/// <summary>
/// A personal install is welcomed once (Teams sends it as a conversationUpdate and an installationUpdate);
/// channels and group chats hear nothing until someone @mentions the bot.
/// </summary>
public sealed class TeamsWelcomeTests(TeamsHost host) : IClassFixture<TeamsHost>
{
    private const string BotId = "28:00000000-0000-4000-8000-00000000b071";

    private static JsonObject Install(string conversationType, string conversationId, bool asInstallationUpdate) =>
        (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-conversation-update"))!.Apply(a =>
        {
            a["deliveryMode"] = "expectReplies";
            // Each its own activity: the host answers a re-delivered id with the first delivery's replies.
            a["id"] = "f:" + Guid.NewGuid().ToString("N");
            a["conversation"] = new JsonObject
            {
                ["conversationType"] = conversationType,
                ["isGroup"] = conversationType != "personal",
                ["tenantId"] = "72f988bf-0000-4000-8000-000000000002",
                ["id"] = conversationId,
            };
            a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
            a["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "72f988bf-0000-4000-8000-000000000002" } };
            if (asInstallationUpdate)
            {
                a["type"] = "installationUpdate";
                a["action"] = "add";
                a.Remove("membersAdded");
            }
        });

    private async Task<JsonArray> RepliesAsync(JsonObject activity)
    {
        var (status, body) = await host.InvokeAsync(activity);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["activities"]!.AsArray();
    }

    [Fact]
    public async Task A_personal_install_gets_one_welcome_though_teams_announces_it_twice()
    {
        var conversation = "a:personal-" + Guid.NewGuid().ToString("N");
        var first = await RepliesAsync(Install("personal", conversation, asInstallationUpdate: true));
        var second = await RepliesAsync(Install("personal", conversation, asInstallationUpdate: false));
        var welcome = Assert.Single(first);
        Assert.Contains("not medical advice", welcome!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(second);
    }

    [Theory]
    [InlineData("channel", "19:channel-{0}@thread.tacv2", false)]
    [InlineData("channel", "19:channel-{0}@thread.tacv2", true)]
    [InlineData("groupChat", "19:group-{0}@thread.v2", false)]
    [InlineData("groupChat", "19:group-{0}@thread.v2", true)]
    public async Task Channels_and_group_chats_get_no_welcome(string type, string idFormat, bool asInstallationUpdate)
    {
        var id = string.Format(System.Globalization.CultureInfo.InvariantCulture, idFormat, Guid.NewGuid().ToString("N"));
        Assert.Empty(await RepliesAsync(Install(type, id, asInstallationUpdate)));
    }

    [Fact]
    public async Task People_joining_a_group_chat_get_no_welcome_either()
    {
        var join = Install("groupChat", "19:group-" + Guid.NewGuid().ToString("N") + "@thread.v2", asInstallationUpdate: false);
        join["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:2newPerson" });
        Assert.Empty(await RepliesAsync(join));
    }

    [Fact]
    public async Task After_a_silent_install_an_at_mention_in_the_channel_is_answered()
    {
        var id = "19:channel-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        Assert.Empty(await RepliesAsync(Install("channel", id, asInstallationUpdate: false)));
        var mention = (JsonObject)JsonNode.Parse(BotHostFactory.Payload("teams-message-with-mention"))!;
        mention["deliveryMode"] = "expectReplies";
        mention["conversation"]!["id"] = id;
        var replies = await RepliesAsync(mention);
        Assert.Contains(replies, r => r!["entities"]?.ToJsonString().Contains("home-needle-length", StringComparison.Ordinal) == true);
    }
}

internal static class JsonNodeExtensions
{
    public static JsonObject Apply(this JsonNode node, Action<JsonObject> change)
    {
        var obj = node.AsObject();
        change(obj);
        return obj;
    }
}
