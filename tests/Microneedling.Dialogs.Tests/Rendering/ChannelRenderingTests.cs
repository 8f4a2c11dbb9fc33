using System.Text.Json;
using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class ChannelRenderingTests(ClaimsFixture content)
{
    private readonly ReplyRenderer _renderer = new(content.Claims);

    private Activity AnswerOn(Activity incoming, string claimId)
    {
        var claim = content.Claim(claimId);
        return _renderer.Answer(incoming, ClaimsFixture.MatchOf(claim), content.RelatedOf(claim));
    }

    [Fact]
    public void Teams_buttons_are_Action_Execute_with_the_action_as_verb()
    {
        var card = CardJson.Of(AnswerOn(Incoming.TeamsPersonal, "pregnancy"));

        Assert.Empty(card.Actions("Action.Submit"));
        var executes = card.Actions("Action.Execute").ToList();
        Assert.NotEmpty(executes);
        Assert.All(executes, e => Assert.Equal((string?)e["verb"], e["data"].Deserialize<CardActionValue>()!.Action));
    }

    [Fact]
    public void Web_chat_buttons_are_Action_Submit()
    {
        var card = CardJson.Of(AnswerOn(Incoming.WebChat, "pregnancy"));

        Assert.Empty(card.Actions("Action.Execute"));
        Assert.NotEmpty(card.Actions("Action.Submit"));
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("msteams")]
    public void Card_channels_get_one_adaptive_card(string channelId)
    {
        var reply = AnswerOn(Incoming.Message(channelId), "pregnancy");

        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("AdaptiveCard", (string?)((Newtonsoft.Json.Linq.JObject)attachment.Content!)["type"]);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("telegram")]
    public void Text_channels_get_Markdown_with_source_links_and_no_attachment(string channelId)
    {
        var claim = content.Claim("home-needle-length");

        var reply = AnswerOn(Incoming.Message(channelId), claim.Id);

        Assert.Null(reply.Attachments);
        Assert.Equal("markdown", reply.TextFormat);
        Assert.StartsWith("**False:** " + claim.Statement, reply.Text, StringComparison.Ordinal);
        Assert.Equal(
            claim.Sources.Select(s => (s.Title, s.Url.AbsoluteUri)),
            CardJson.Links(reply.Text!));
        Assert.Contains(MarkdownText.Clean(claim.Guidance), reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_channel_without_suggested_actions_lists_the_related_questions()
    {
        var claim = content.Claim("home-needle-length");

        var reply = AnswerOn(Incoming.Slack, claim.Id);

        Assert.Null(reply.SuggestedActions);
        foreach (var related in content.RelatedOf(claim).Take(3))
            Assert.Contains("- " + QuestionText.For(related), reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Telegram_gets_related_questions_as_imBack_suggested_actions()
    {
        var claim = content.Claim("home-needle-length");

        var reply = AnswerOn(Incoming.Telegram, claim.Id);

        var actions = reply.SuggestedActions!.Actions;
        Assert.Equal(content.RelatedOf(claim).Take(3).Select(QuestionText.For), actions.Select(a => (string?)a.Value));
        Assert.All(actions, a => Assert.Equal("imBack", a.Type));
    }

    [Fact]
    public void Web_chat_welcome_offers_questions_as_messageBack_that_send_the_question()
    {
        var reply = _renderer.Welcome(Incoming.WebChat, []);

        var actions = reply.SuggestedActions!.Actions;
        Assert.InRange(actions.Count, 3, 4);
        Assert.All(actions, a =>
        {
            Assert.Equal("messageBack", a.Type);
            Assert.Equal(a.Title, a.Text);
            Assert.Equal(a.Text, a.DisplayText);
            var value = Testing.Replies.ValueOf(a).Deserialize<CardActionValue>()!;
            Assert.Equal(new CardActionValue { Action = "ask", Question = a.Text }, value);
        });
        Assert.Empty(CardJson.Of(reply).Buttons());
    }

    [Fact]
    public void Teams_personal_chat_gets_at_most_three_imBack_suggested_actions()
    {
        var reply = _renderer.Welcome(Incoming.TeamsPersonal, []);

        var actions = reply.SuggestedActions!.Actions;
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal("imBack", a.Type));
        Assert.All(actions, a => Assert.Equal(a.Title, (string?)a.Value));
    }

    [Theory]
    [InlineData("channel", true)]
    [InlineData("groupChat", true)]
    [InlineData(null, true)]
    public void Teams_channels_and_group_chats_get_questions_as_card_buttons(string? conversationType, bool isGroup)
    {
        var reply = _renderer.Welcome(Incoming.Message("msteams", conversationType, isGroup), []);

        Assert.Null(reply.SuggestedActions);
        var asks = CardJson.Of(reply).Buttons().ToList();
        Assert.InRange(asks.Count, 3, 4);
        Assert.All(asks, a => Assert.Equal(new CardActionValue { Action = "ask", Question = a.Title }, a.Value));
        Assert.NotEmpty(CardJson.Of(reply).Actions("Action.Execute"));
    }
}
