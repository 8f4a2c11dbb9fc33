using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class GuideReplyTests(ClaimsFixture content)
{
    private readonly ReplyRenderer _renderer = new(content.Claims);

    [Fact]
    public void Welcome_says_what_the_bot_does_and_that_it_is_not_medical_advice()
    {
        var reply = _renderer.Welcome(Incoming.Slack, []);

        Assert.Contains("not medical advice", reply.Text, StringComparison.Ordinal);
        Assert.Contains("not a substitute for a clinician", reply.Text, StringComparison.Ordinal);
        Assert.Contains("claims about microneedling", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("slack")]
    public void Welcome_and_help_list_the_commands(string channelId)
    {
        foreach (var reply in new[] { _renderer.Welcome(Incoming.Message(channelId), []), _renderer.Help(Incoming.Message(channelId), []) })
        {
            var text = reply.Attachments is null ? reply.Text! : (string)CardJson.Of(reply).Card["fallbackText"]!;
            Assert.Contains("help", text, StringComparison.Ordinal);
            Assert.Contains("start over", text, StringComparison.Ordinal);
            Assert.Contains("sources", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Welcome_suggests_the_questions_of_the_claims_it_is_given()
    {
        var suggested = new[] { content.Claim("pregnancy"), content.Claim("home-needle-length"), content.Claim("home-frequency") };

        var reply = _renderer.Welcome(Incoming.TeamsChannel, suggested);

        Assert.Equal(suggested.Select(QuestionText.For), CardJson.Of(reply).Buttons().Select(b => b.Value.Question));
    }

    [Fact]
    public void Not_found_says_so_plainly_suggests_a_dermatologist_and_what_is_covered()
    {
        var covered = content.Claims.All.Take(6).ToList();

        var reply = _renderer.NotFound(Incoming.Slack, covered);

        Assert.StartsWith("I don't have a checked answer", reply.Text, StringComparison.Ordinal);
        Assert.Contains("dermatologist", reply.Text, StringComparison.Ordinal);
        var listed = covered.Select(QuestionText.For).Where(q => reply.Text!.Contains("- " + q, StringComparison.Ordinal)).ToList();
        Assert.InRange(listed.Count, 3, 4);
        Assert.Null(reply.Entities);
    }

    [Fact]
    public void Sources_lists_each_last_claims_sources_as_links()
    {
        var claims = new[] { content.Claim("pregnancy"), content.Claim("home-needle-length") };

        var reply = _renderer.Sources(Incoming.WebChat, claims);

        var links = CardJson.Of(reply).Urls().ToList();
        Assert.Equal(claims.SelectMany(c => c.Sources).Select(s => s.Url.AbsoluteUri), links);
    }

    [Fact]
    public void Sources_without_a_last_answer_says_there_is_none_yet()
    {
        var reply = _renderer.Sources(Incoming.WebChat, []);

        Assert.Null(reply.Attachments);
        Assert.Contains("haven't answered", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_replies_are_plain_text_on_every_channel()
    {
        var replies = new[]
        {
            _renderer.TooLong(Incoming.WebChat, 500),
            _renderer.FeedbackThanks(Incoming.TeamsPersonal, "helpful"),
            _renderer.StartedOver(Incoming.WebChat),
        };

        Assert.All(replies, r => Assert.Null(r.Attachments));
        Assert.Contains("500", replies[0].Text, StringComparison.Ordinal);
        Assert.NotEqual(
            _renderer.FeedbackThanks(Incoming.WebChat, "helpful").Text,
            _renderer.FeedbackThanks(Incoming.WebChat, "not-helpful").Text);
    }
}
