using Microneedling.FactCheck.Text;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Tests.Engine;

public sealed class TriageTermsTests
{
    private static IReadOnlyList<string> Of(string text) => TriageTerms.Of(TextNormalizer.Normalize(text));

    [Fact]
    public void A_text_gives_its_words_and_each_pair_of_neighbouring_words()
    {
        // A set of terms: the probe reads which are present, not their order.
        Assert.Equal(["all", "at", "at all", "didnt", "didnt faint", "faint", "faint at"], Of("Didn't faint at all").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Negations_and_time_words_are_kept_as_the_claim_side_drops_them()
    {
        var terms = Of("I had a seizure years ago, none since. Not bleeding now.");
        Assert.Contains("years ago", terms);
        Assert.Contains("none", terms);
        Assert.Contains("not bleeding", terms);
        Assert.Contains("bleeding now", terms);
    }

    [Fact]
    public void A_word_or_pair_said_twice_is_one_term()
    {
        Assert.Equal(["red", "red red"], Of("red red red").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!...,;:")]
    public void A_text_without_words_has_no_terms(string text) => Assert.Empty(Of(text));

    [Fact]
    public void A_huge_text_gives_terms_without_failing()
    {
        var terms = Of(string.Concat(Enumerable.Repeat("my face is swelling ", 2_000)));
        Assert.Contains("face is", terms);
        Assert.True(terms.Count < 20);
    }
}
