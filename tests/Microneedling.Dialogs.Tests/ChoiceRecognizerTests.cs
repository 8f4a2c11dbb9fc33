using Microneedling.Dialogs.Flows;

namespace Microneedling.Dialogs.Tests;

public sealed class ChoiceRecognizerTests
{
    private static readonly Choice[] Choices =
    [
        new("home-needle-length", "Is a 2 mm derma roller safe at home?", ["needle length at home"]),
        new("home-vs-clinic", "Is home microneedling as good as a clinic?"),
        new("none", "None of these", ["none", "neither", "no"]),
    ];

    [Theory]
    [InlineData("1", "home-needle-length")]
    [InlineData("#2", "home-vs-clinic")]
    [InlineData("option 3", "none")]
    [InlineData("2.", "home-vs-clinic")]
    [InlineData("Is home microneedling as good as a clinic", "home-vs-clinic")]
    [InlineData("is home microneedling as god as a clinic?", "home-vs-clinic")]
    [InlineData("NEEDLE LENGTH AT HOME", "home-needle-length")]
    [InlineData("non of these", "none")]
    [InlineData("neither", "none")]
    public void Recognizes_numbers_titles_synonyms_and_small_typos(string said, string expected) =>
        Assert.Equal(expected, ChoiceRecognizer.Recognize(said, Choices)?.Value);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("banana")]
    [InlineData("nu")]
    [InlineData("is home")]
    public void Returns_null_when_no_single_choice_fits(string? said) =>
        Assert.Null(ChoiceRecognizer.Recognize(said, Choices));
}
