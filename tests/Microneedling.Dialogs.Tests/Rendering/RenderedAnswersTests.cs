using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Tests.Rendering;

/// <summary>Answers rendered once and replayed must be indistinguishable from answers rendered afresh.</summary>
[Collection(RenderingCollection.Name)]
public sealed class RenderedAnswersTests(ClaimsFixture content)
{
    public static TheoryData<string, string?, bool?, string?> Channels => new()
    {
        { "webchat", null, null, "en-US" },
        { "directline", null, null, null },
        { "emulator", null, null, "de-DE" },
        { "msteams", "personal", null, "en-GB" },
        { "msteams", "channel", true, "en-US" },
        { "slack", null, null, "en-US" },
        { "telegram", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public void A_replayed_answer_is_the_answer_rendered_afresh(string channelId, string? conversationType, bool? isGroup, string? locale)
    {
        var renderer = new ReplyRenderer(content.Claims);
        foreach (var claim in content.Claims.All)
        {
            var first = Incoming.Message(channelId, conversationType, isGroup);
            first.Locale = locale;
            var second = Incoming.Message(channelId, conversationType, isGroup);
            second.Locale = locale;
            second.Id = "incoming-2";
            second.Conversation = new ConversationAccount { Id = "another-conversation", ConversationType = conversationType, IsGroup = isGroup };

            renderer.Answer(first, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim));
            var replayed = renderer.Answer(second, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim));
            var fresh = new ReplyRenderer(content.Claims).Answer(second, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim));

            Assert.Equal(Json(fresh), Json(replayed));
            Assert.Equal("incoming-2", replayed.ReplyToId);
            Assert.Same(second.Conversation, replayed.Conversation);
        }
    }

    [Fact]
    public void Answers_on_card_channels_are_kept_and_text_channels_are_not()
    {
        var renderer = new ReplyRenderer(content.Claims);
        var claim = content.Claim("pregnancy");

        renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []);
        renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []);
        renderer.Answer(Incoming.Slack, ClaimsFixture.MatchOf(claim), []);

        Assert.Equal(1, renderer.CachedAnswerCount);
    }

    [Fact]
    public void Changing_one_reply_leaves_the_next_one_as_it_was()
    {
        var renderer = new ReplyRenderer(content.Claims);
        var claim = content.Claim("pregnancy");
        var expected = Json(renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []));

        var changed = renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), []);
        var card = (Newtonsoft.Json.Linq.JObject)changed.Attachments![0].Content!;
        ((Newtonsoft.Json.Linq.JArray)card["body"]!).Clear();
        card["speak"] = "changed";
        changed.Entities![0].Properties["identifier"] = "changed";

        Assert.Equal(expected, Json(renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), [])));
    }

    [Fact]
    public void An_answer_that_speaks_to_the_numbers_of_the_question_is_rendered_for_that_question()
    {
        var renderer = new ReplyRenderer(content.Claims);
        var short1 = content.Checker.Check("is a 0.25 mm derma roller safe at home?").Matches[0];
        var long3 = content.Checker.Check("is a 3 mm derma roller safe at home?").Matches[0];
        Assert.Equal(short1.Claim.Id, long3.Claim.Id);
        Assert.NotEmpty(short1.QuantityNotes);

        var first = CardJson.Of(renderer.Answer(Incoming.WebChat, short1, [])).Texts().ToList();
        var second = CardJson.Of(renderer.Answer(Incoming.WebChat, long3, [])).Texts().ToList();

        Assert.Equal(0, renderer.CachedAnswerCount);
        Assert.Contains(MarkdownText.Clean(short1.QuantityNotes[0].Text), first);
        Assert.Contains(MarkdownText.Clean(long3.QuantityNotes[0].Text), second);
        Assert.DoesNotContain(MarkdownText.Clean(short1.QuantityNotes[0].Text), second);
    }

    [Fact]
    public void Client_chosen_locales_cannot_grow_the_cache_past_its_capacity()
    {
        var renderer = new ReplyRenderer(content.Claims);
        var claim = content.Claim("pregnancy");
        var incoming = Incoming.WebChat;

        for (var i = 0; i < RenderedAnswers.Capacity + 10; i++)
        {
            incoming.Locale = "x-" + i;
            var reply = renderer.Answer(incoming, ClaimsFixture.MatchOf(claim), []);
            Assert.Equal("x-" + i, (string?)((Newtonsoft.Json.Linq.JObject)reply.Attachments![0].Content!)["lang"]);
            Assert.True(renderer.CachedAnswerCount <= RenderedAnswers.Capacity);
        }

        incoming.Locale = new string('a', 5000);
        var huge = renderer.Answer(incoming, ClaimsFixture.MatchOf(claim), []);
        Assert.Equal(incoming.Locale, (string?)((Newtonsoft.Json.Linq.JObject)huge.Attachments![0].Content!)["lang"]);
        Assert.True(renderer.CachedAnswerCount <= RenderedAnswers.Capacity);
    }

    [Fact]
    public void Answers_replayed_from_many_threads_at_once_are_all_complete()
    {
        var renderer = new ReplyRenderer(content.Claims);
        var claims = content.Claims.All;
        var expected = claims.ToDictionary(c => c.Id, c => Json(new ReplyRenderer(content.Claims).Answer(Incoming.WebChat, ClaimsFixture.MatchOf(c), content.RelatedOf(c))));

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var claim = claims[i % claims.Count];
            var reply = renderer.Answer(Incoming.WebChat, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim));
            Assert.Equal(expected[claim.Id], Json(reply));
        });
    }

    /// <summary>The reply as the wire carries it, without the send time (which differs by design).</summary>
    private static string Json(Activity reply)
    {
        var node = CardJson.Wire(reply);
        node.Remove("timestamp");
        return node.ToJsonString();
    }
}
