namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// A message that is one of a claim's curated texts is answered at once with that claim, whatever the
/// fitted model makes of it: a promoted question works in the running bot before any refit, and a
/// suggested question (a phrasing) is never met with "I'm not sure".
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CuratedPhrasingTests(EngineFixture fixture)
{
    private readonly FactChecker _engine = fixture.Engine;

    [Fact]
    public void Every_statement_and_phrasing_asked_as_written_is_answered_at_once_with_its_claim_first()
    {
        var wrong = new List<string>();
        foreach (var claim in _engine.Claims.All)
        {
            foreach (var text in claim.Phrasings.Prepend(claim.Statement))
            {
                var result = _engine.Check(text);
                // First, and answered: a text that asks about another claim too may bring its answer as well.
                if (result.Confidence != MatchConfidence.High || result.Matches.Count == 0 || result.Matches[0].Claim.Id != claim.Id)
                    wrong.Add($"{claim.Id}: \"{text}\" -> {result.Confidence} [{string.Join(", ", result.Matches.Select(m => m.Claim.Id))}]");
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Theory]
    [InlineData("HOW OFTEN should I derma roll")]
    [InlineData("how often should i derma roll???")]
    [InlineData("  how often,  should I derma roll ")]
    public void Case_spacing_and_punctuation_do_not_make_another_question(string message)
    {
        Assert.Contains("how often should i derma roll", _engine.Claims.Find("home-frequency")!.Phrasings);
        var result = _engine.Check(message);
        Assert.Equal(MatchConfidence.High, result.Confidence);
        Assert.Equal("home-frequency", Assert.Single(result.Matches).Claim.Id);
    }

    [Fact]
    public void A_misspelt_message_the_corrector_turns_into_a_curated_text_is_that_claims_question()
    {
        const string curated = "the clinic told me no vitamin C or acids for a few days after";
        Assert.Contains(curated, _engine.Claims.Find("aftercare")!.Phrasings);
        var result = _engine.Check(curated.Replace("vitamin", "vitamn", StringComparison.Ordinal));
        Assert.Contains("vitamn -> vitamin", result.Corrections);
        Assert.Equal(MatchConfidence.High, result.Confidence);
        Assert.Equal("aftercare", result.Matches[0].Claim.Id);
    }
}
