using Microsoft.Bot.Schema;
using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class ReplyAddressingTests(ClaimsFixture content)
{
    [Fact]
    public void Reply_is_a_message_addressed_back_to_the_sender()
    {
        var incoming = Incoming.TeamsPersonal;
        var claim = content.Claim("pregnancy");

        var reply = new ReplyRenderer(content.Claims).Answer(incoming, ClaimsFixture.MatchOf(claim), []);

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Same(incoming.Recipient, reply.From);
        Assert.Same(incoming.From, reply.Recipient);
        Assert.Same(incoming.Conversation, reply.Conversation);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal(incoming.ServiceUrl, reply.ServiceUrl);
        Assert.Equal(incoming.ChannelId, reply.ChannelId);
        Assert.Equal(incoming.Locale, reply.Locale);
        Assert.Equal(InputHints.AcceptingInput, reply.InputHint);
    }
}
