using Microneedling.Dialogs.Tests.Testing;

namespace Microneedling.Dialogs.Tests;

public sealed class RedFlagTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_red_flag_comes_first_and_alone_then_the_claim_answers()
    {
        var claimIds = DialogTestHost.Engine.Check(Questions.EmergencyWithClaim).Matches.Select(m => m.Claim.Id).ToList();
        var claims = DialogTestHost.Engine.Claims;
        var flow = _host.Flow()
            .Send(Questions.EmergencyWithClaim)
            .AssertReply(first =>
            {
                var text = Replies.AllText(first);
                Assert.Contains("emergency", text, StringComparison.OrdinalIgnoreCase);
                Assert.Null(first.Entities);
                Assert.Empty(Replies.Buttons(first));
                // No claim content competes with the urgent message.
                Assert.All(claimIds, id => Assert.DoesNotContain(claims.Find(id)!.Statement, text, StringComparison.OrdinalIgnoreCase));
            });
        foreach (var id in claimIds)
            flow.AssertReply(answer => Assert.Equal(id, (string?)Replies.ClaimReview(answer)!["identifier"]));
        await flow.AssertNoMoreReplies().StartTestAsync();
    }

    [Fact]
    public async Task A_red_flag_with_no_claim_gets_only_the_urgent_message()
    {
        await _host.Flow()
            .Send("I can't breathe and my throat is closing")
            .AssertReply(first =>
            {
                Assert.Contains("emergency", Replies.AllText(first), StringComparison.OrdinalIgnoreCase);
                Assert.Null(first.Entities);
            })
            .AssertNoMoreReplies()
            .StartTestAsync();
    }
}
