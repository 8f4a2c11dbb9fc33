using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class RenderingRobustnessTests(ClaimsFixture content)
{
    private readonly ReplyRenderer _renderer = new(content.Claims);

    public static TheoryData<string> Channels => [.. Incoming.AllChannels];

    /// <summary>Every reply the renderer makes for every claim on one channel.</summary>
    private IEnumerable<Activity> AllReplies(Activity incoming)
    {
        var all = content.Claims.All;
        foreach (var claim in all)
        {
            yield return _renderer.Answer(incoming, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim));
            yield return _renderer.DidYouMean(incoming, [claim, .. content.RelatedOf(claim)]);
            yield return _renderer.Sources(incoming, [claim]);
        }
        yield return _renderer.Welcome(incoming, all);
        yield return _renderer.Help(incoming, all);
        yield return _renderer.NotFound(incoming, all);
        yield return _renderer.Reprompt(incoming, all);
        yield return _renderer.RedFlag(incoming, new TriageResult(ReferralLevel.Emergency, ["trouble breathing"], null));
        yield return _renderer.RedFlag(incoming, new TriageResult(ReferralLevel.Urgent, ["a fever"], "See a doctor today."));
        yield return _renderer.TooLong(incoming, 400);
        yield return _renderer.FeedbackThanks(incoming, "not-helpful");
        yield return _renderer.StartedOver(incoming);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Every_claim_renders_valid_cards_on_every_channel(string channelId)
    {
        foreach (var reply in AllReplies(Incoming.Message(channelId)))
        {
            Assert.False(string.IsNullOrWhiteSpace(reply.Speak));
            // Every reply has words for clients that cannot show it: its text, or its card's fallbackText.
            if (reply.Attachments is null)
            {
                Assert.False(string.IsNullOrWhiteSpace(reply.Text));
                continue;
            }
            Assert.False(string.IsNullOrWhiteSpace((string?)CardJson.Of(reply).Card["fallbackText"]));

            var card = CardJson.Of(reply);
            Assert.True(Version.Parse((string)card.Card["version"]!) <= new Version(1, 5));
            Assert.All(card.Typed(), o => Assert.Contains((string)o["type"]!, CardJson.Types15));
            Assert.All(card.Urls(), url => Assert.StartsWith("https://", url, StringComparison.Ordinal));
            Assert.All(card.Buttons(), b => Assert.Contains(b.Value.Action, new[] { "ask", "pick", "none", "feedback" }));
            AssertUniqueIds(card.Card);
        }
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Speech_has_no_Markdown_or_markup(string channelId)
    {
        foreach (var reply in AllReplies(Incoming.Message(channelId)))
        {
            foreach (var mark in new[] { "**", "_", "[", "](", "#", "`", "<", ">", "http" })
                Assert.DoesNotContain(mark, reply.Speak, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    [InlineData("slack")]
    public void Control_characters_and_very_long_text_stay_valid_JSON(string channelId)
    {
        var real = content.Claim("pregnancy");
        var hostile = "Quote \" backslash \\ nul \0 bell \a esc \u001b tab\tnewline\n bidi \u202e end. " + new string('x', 200_000);
        var claim = new Claim
        {
            Id = real.Id,
            Statement = hostile,
            Verdict = real.Verdict,
            Answer = hostile,
            Guidance = "*bold* [not a link](javascript:alert(1)) " + hostile,
            Sources = [new Source("Title ] with ) brackets [", "Pub \u0007", 2020, new Uri("https://example.org/a_(b)")), new Source("Plain http", "Pub", 2019, new Uri("http://example.org/"))],
            Referral = real.Referral,
            Phrasings = [hostile],
            Related = [],
            LastReviewed = real.LastReviewed,
        };

        var reply = _renderer.Answer(Incoming.Message(channelId), ClaimsFixture.MatchOf(claim), [claim]);

        var wire = CardJson.Wire(reply).ToJsonString();
        var parsed = JsonNode.Parse(wire)!;
        Assert.DoesNotContain('\0', parsed.ToJsonString());
        var text = reply.Attachments is null ? reply.Text! : string.Join("\n", CardJson.Of(reply).Texts());
        Assert.DoesNotContain("\u202e", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
        Assert.Contains("[Title ) with ) brackets (](https://example.org/a_%28b%29)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http://example.org", text, StringComparison.Ordinal);
    }

    private static void AssertUniqueIds(JsonObject card)
    {
        var ids = Ids(card).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    private static IEnumerable<string> Ids(JsonNode? node) => node switch
    {
        JsonObject o => (o["id"] is JsonValue id ? [(string)id!] : Array.Empty<string>()).Concat(o.SelectMany(p => Ids(p.Value))),
        JsonArray a => a.SelectMany(Ids),
        _ => [],
    };
}
