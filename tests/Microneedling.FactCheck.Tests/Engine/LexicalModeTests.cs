namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>The engine with the sentence model switched off: the lexical matcher alone still answers.</summary>
public sealed class LexicalModeTests
{
    private static readonly Lazy<FactChecker> Lexical = new(() => FactChecker.Load(null, new MatcherOptions { Semantic = false }));

    [Fact]
    public void A_lexical_engine_loads_without_a_fitted_model() => Assert.Null(Lexical.Value.Model);

    [Fact]
    public void A_lexical_engine_answers_how_often_to_use_a_derma_roller_with_home_frequency()
    {
        var result = Lexical.Value.Check("how often can I use my derma roller");
        Assert.Equal("home-frequency", result.Matches.FirstOrDefault()?.Claim.Id);
        Assert.Equal(0, result.Certainty);
        ResultShape.AssertWellFormed(result);
    }

    [Fact]
    public void A_lexical_engine_still_raises_red_flags() =>
        Assert.Equal(ReferralLevel.Emergency, Lexical.Value.Check("my throat is closing after the numbing cream").Referral);

    [Fact]
    public void A_lexical_engine_needs_no_sentence_model_file()
    {
        var options = new MatcherOptions { Semantic = false, SemanticModelPath = Path.Combine(Path.GetTempPath(), "no-model-here.dll") };
        var engine = FactChecker.Load(null, options);
        Assert.Equal("home-frequency", engine.Check("how often can I use my derma roller").Matches.FirstOrDefault()?.Claim.Id);
    }

    [Fact]
    public void A_semantic_engine_with_a_missing_model_file_fails_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-model-here-" + Guid.NewGuid().ToString("N") + ".dll");
        var ex = Assert.Throws<Semantic.SemanticModelException>(() => FactChecker.Load(null, new MatcherOptions { SemanticModelPath = missing }));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }
}
