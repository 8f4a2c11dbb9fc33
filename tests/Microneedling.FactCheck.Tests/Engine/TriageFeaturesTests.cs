using Microneedling.FactCheck.Text;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Tests.Engine;

public sealed class TriageFeaturesTests
{
    private static double Resolved(string text) => TriageFeatures.Resolved(TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("The tingling wore off within the hour")]
    [InlineData("swelling went away overnight and it's back to normal")]
    [InlineData("my aunt collapsed once but she recovered")]
    public void A_sign_told_as_over_reads_as_resolved(string text) => Assert.True(Resolved(text) > 0, text);

    [Theory]
    [InlineData("she passed out after the numbing cream")]
    [InlineData("the swelling is getting worse")]
    [InlineData("")]
    public void A_present_sign_does_not(string text) => Assert.Equal(0, Resolved(text));

    [Fact]
    public void Every_feature_has_a_name()
    {
        var evidence = new TriageFeatures.Evidence(0.5, 0.1, 0.2, true, false, false, 0, 1, 0, 0, 0,
            0.3, 0.5, 0.1, 0, true, false, 0, 1, 0, 0.2, 0.4);
        Assert.Equal(TriageFeatures.Names.Length, TriageFeatures.For(evidence, ReferralLevel.Urgent, ReferralLevel.None, false).Length);
    }
}
