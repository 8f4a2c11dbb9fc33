using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Tests.Rendering;

[Collection(RenderingCollection.Name)]
public sealed class RedFlagReplyTests(ClaimsFixture content)
{
    private readonly ReplyRenderer _renderer = new(content.Claims);

    [Fact]
    public void Emergency_says_to_call_the_emergency_number_now_and_names_the_signs()
    {
        var triage = content.Checker.Check("my throat is closing up after microneedling").Triage;
        Assert.Equal(ReferralLevel.Emergency, triage.Level);

        var reply = _renderer.RedFlag(Incoming.WebChat, triage);

        var texts = string.Join(" ", CardJson.Of(reply).Texts());
        Assert.Contains("emergency number now", texts, StringComparison.OrdinalIgnoreCase);
        Assert.All(triage.Signs, sign => Assert.Contains(sign, texts, StringComparison.Ordinal));
        Assert.Contains("emergency number now", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Urgent_says_to_see_a_doctor_today()
    {
        var triage = new TriageResult(ReferralLevel.Urgent, ["a fever", "pus"], null);

        var reply = _renderer.RedFlag(Incoming.Slack, triage);

        Assert.Contains("doctor", reply.Text, StringComparison.Ordinal);
        Assert.Contains("today", reply.Text, StringComparison.Ordinal);
        Assert.Contains("a fever and pus", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("emergency", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    [InlineData("slack")]
    public void Red_flag_reply_has_no_claim_content_buttons_or_entities(string channelId)
    {
        var triage = content.Checker.Check("I cant breathe and my lips are swollen after a derma roller").Triage;

        var reply = _renderer.RedFlag(Incoming.Message(channelId), triage);

        var wire = CardJson.Wire(reply).ToJsonString();
        foreach (var claim in content.Claims.All)
        {
            Assert.DoesNotContain(claim.Statement, wire, StringComparison.Ordinal);
            Assert.DoesNotContain(claim.Id, wire, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Action.", wire, StringComparison.Ordinal);
        Assert.Null(reply.SuggestedActions);
        Assert.Null(reply.Entities);
    }
}
