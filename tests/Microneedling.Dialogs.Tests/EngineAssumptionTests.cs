using Microneedling.Dialogs.Tests.Testing;
using Microneedling.FactCheck;

namespace Microneedling.Dialogs.Tests;

/// <summary>The engine outcomes the transcripts build on.</summary>
public sealed class EngineAssumptionTests
{
    [Theory]
    [InlineData(Questions.NeedleLength, "home-needle-length")]
    [InlineData(Questions.Frequency, "home-frequency")]
    public void Clear_questions_are_matched_with_high_confidence(string question, string claimId)
    {
        var result = DialogTestHost.Engine.Check(question);
        Assert.Equal(MatchConfidence.High, result.Confidence);
        Assert.Equal(claimId, result.Matches[0].Claim.Id);
    }

    [Fact]
    public void Vague_question_is_medium_with_at_least_two_candidates()
    {
        var result = DialogTestHost.Engine.Check(Questions.Vague);
        Assert.Equal(MatchConfidence.Medium, result.Confidence);
        Assert.True(result.Candidates.Count >= 2);
        Assert.False(result.Triage.IsRedFlag);
    }

    [Fact]
    public void Out_of_scope_question_abstains()
    {
        var result = DialogTestHost.Engine.Check(Questions.Pizza);
        Assert.True(result.Abstained);
        Assert.False(result.Triage.IsRedFlag);
    }

    [Fact]
    public void Emergency_question_is_a_red_flag_with_claims()
    {
        var result = DialogTestHost.Engine.Check(Questions.EmergencyWithClaim);
        Assert.Equal(ReferralLevel.Emergency, result.Triage.Level);
        Assert.NotEmpty(result.Matches);
    }
}
