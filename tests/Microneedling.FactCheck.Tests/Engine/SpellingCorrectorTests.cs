using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Tests.Engine;

public sealed class SpellingCorrectorTests
{
    // What the content knows (a misspelling is corrected to one of these) ...
    private static readonly Dictionary<string, int> Known = new(StringComparer.Ordinal)
    {
        ["swelling"] = 5, ["month"] = 3, ["really"] = 2, ["oil"] = 1, ["only"] = 1, ["black"] = 1, ["sore"] = 4, ["infection"] = 4, ["shared"] = 2, ["shiver"] = 1,
    };

    // ... and English it does not, which is left as written.
    private static readonly string[] English = ["selling", "mouth", "back", "store", "injection", "scared", "swell", "real", "really", "oil", "skinner", "role"];

    [Theory]
    [InlineData("selling")]
    [InlineData("mouth")]
    [InlineData("back")]
    [InlineData("store")]
    [InlineData("scared")]
    public void A_real_word_is_not_turned_into_another_word(string word) =>
        Assert.Null(new SpellingCorrector(Known, English).Correct(word));

    [Theory]
    [InlineData("injections")]
    [InlineData("swells")]
    [InlineData("stores")]
    public void An_inflection_of_a_real_word_is_left_as_written(string word) =>
        Assert.Null(new SpellingCorrector(Known, English).Correct(word));

    [Theory]
    [InlineData("sweling", "swelling")]
    [InlineData("infecton", "infection")]
    [InlineData("monht", "month")]
    [InlineData("realy", "really")]
    public void A_misspelling_is_still_corrected(string word, string expected) =>
        Assert.Equal<string>([expected], new SpellingCorrector(Known, English).Correct(word) ?? []);

    [Fact]
    public void A_misspelling_whose_stem_looks_like_a_real_words_stem_is_still_corrected()
    {
        var corrector = new SpellingCorrector(new Dictionary<string, int> { ["skin"] = 1, ["roller"] = 1 }, English);
        Assert.Equal<string>(["skin"], corrector.Correct("skinn") ?? []);
        Assert.Equal<string>(["roller"], corrector.Correct("roler") ?? []);
    }

    [Fact]
    public void An_adjective_made_with_y_from_a_known_word_is_left_as_written()
    {
        Assert.Null(new SpellingCorrector(Known, English).Correct("oily"));
        Assert.Null(new SpellingCorrector(Known, ["shiver"]).Correct("shivery"));
        Assert.Equal<string>(["shiver"], new SpellingCorrector(Known).Correct("shivery") ?? []);
    }

    [Fact]
    public void Without_an_English_list_every_unknown_word_close_to_a_known_one_is_corrected()
    {
        var corrector = new SpellingCorrector(Known);
        Assert.Equal<string>(["swelling"], corrector.Correct("selling") ?? []);
        Assert.Equal<string>(["month"], corrector.Correct("mouth") ?? []);
    }

    [Fact]
    public void A_known_word_is_never_corrected_and_short_or_non_letter_words_are_left_alone()
    {
        var corrector = new SpellingCorrector(Known, English);
        Assert.Null(corrector.Correct("swelling"));
        Assert.Null(corrector.Correct("sor"));
        Assert.Null(corrector.Correct("sore3"));
        Assert.Null(corrector.Correct(""));
    }
}
