namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// The calibrated triage on the shared engine, with wordings written for these tests (none is in the
/// content files or the evaluation sets), most of which the red-flag patterns do not catch word for word.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SemanticTriageTests(EngineFixture fixture)
{
    private readonly FactChecker _engine = fixture.Engine;

    private void AssertConditionalEmergency(string message)
    {
        var result = _engine.Check(message);
        Assert.Equal(ReferralLevel.None, result.Triage.Level);
        Assert.Equal(ReferralLevel.Emergency, result.Triage.Conditional);
        Assert.StartsWith("If this is happening to you now:", result.Triage.ConditionalAdvice, StringComparison.Ordinal);
        Assert.True(result.Referral < ReferralLevel.Urgent, $"referral {result.Referral}");
    }

    [Theory]
    [InlineData("is passing out a possible side effect of microneedling?")]
    [InlineData("is fainting something that can happen during microneedling?")]
    [InlineData("is it common to pass out from a dermapen session?")]
    [InlineData("what if the numbing cream makes me black out?")]
    [InlineData("what are the warning signs of a bad allergic reaction after needling?")]
    public void An_emergency_sign_asked_about_as_a_risk_gets_conditional_emergency_advice_not_an_alarm(string message) =>
        AssertConditionalEmergency(message);

    [Theory]
    [InlineData("could the numbing cream ever give someone a fit?")]
    [InlineData("can numbing cream give you fits?")]
    [InlineData("would too much numbing cream stop someone's heart?")]
    public void A_seizure_or_heart_risk_asked_about_in_other_words_gets_conditional_emergency_advice(string message) =>
        AssertConditionalEmergency(message);

    [Theory]
    [InlineData("is it possible for numbing cream to trigger a seizure?")]
    [InlineData("are seizures a side effect of lidocaine cream?")]
    [InlineData("can people have trouble breathing after a facial like this?")]
    public void An_emergency_risk_asked_about_outside_the_hypothetical_patterns_is_not_an_alarm(string message) =>
        AssertConditionalEmergency(message);

    [Theory]
    [InlineData("my flatmate slathered numbing gel on both thighs and now her arms and legs are thrashing and she won't answer me")]
    [InlineData("he collapsed on the kitchen floor shaking violently a few minutes after the anaesthetic cream went on")]
    [InlineData("my boyfriend went stiff and started jerking on the sofa after he used loads of numbing cream")]
    [InlineData("my sister is twitching all over and can't talk after the numbing cream")]
    [InlineData("the serum went on and my lips and tongue have ballooned, I am struggling to get any air in")]
    [InlineData("my throat is getting tighter by the minute since the serum went on")]
    [InlineData("I put the numbing stuff on and now my heart is hammering and I feel confused")]
    public void The_same_signs_happening_now_in_other_words_are_an_emergency(string message)
    {
        var result = _engine.Check(message);
        Assert.Equal(ReferralLevel.Emergency, result.Triage.Level);
        Assert.Equal(ReferralLevel.Emergency, result.Referral);
        Assert.NotEmpty(result.Triage.Signs);
        Assert.Contains("emergency number", result.Triage.Advice, StringComparison.Ordinal);
        Assert.Equal(ReferralLevel.None, result.Triage.Conditional);
        Assert.Null(result.Triage.ConditionalAdvice);
    }

    [Fact]
    public void An_adults_seizure_after_numbing_cream_is_not_named_as_a_child_swallowing_it()
    {
        var result = _engine.Check("my sister is twitching all over and can't talk after the numbing cream");
        Assert.Equal(ReferralLevel.Emergency, result.Triage.Level);
        Assert.DoesNotContain(result.Triage.Signs, s => s.Contains("child", StringComparison.Ordinal));
        Assert.Contains(result.Triage.Signs, s => s.Contains("seizure", StringComparison.Ordinal) || s.Contains("poisoning", StringComparison.Ordinal));
    }

    [Fact]
    public void The_calibrated_triage_reports_its_probabilities()
    {
        var result = _engine.Check("is fainting something that can happen during microneedling?");
        var (emergency, urgent) = Assert.NotNull(result.Triage.Probabilities);
        Assert.InRange(emergency, 0, 1);
        Assert.InRange(urgent, 0, 1);
    }

    [Theory]
    [InlineData("my cheeks went a bit pink after rolling and it faded by dinner")]
    [InlineData("what's the best moisturiser to use the night after a session")]
    public void A_calm_message_raises_nothing(string message)
    {
        var result = _engine.Check(message);
        Assert.Equal(ReferralLevel.None, result.Triage.Level);
        Assert.Equal(ReferralLevel.None, result.Triage.Conditional);
        Assert.Null(result.Triage.ConditionalAdvice);
    }
}
