using Microneedling.Dialogs.Flows;

namespace Microneedling.Dialogs.Tests;

/// <summary>What is checked, logged and stored is what the person sees: no invisible characters.</summary>
public sealed class TurnInputCleanTests
{
    [Theory]
    [InlineData("a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef")]
    [InlineData("a\u2066b\u2067c\u2068d\u2069e", "abcde")]
    [InlineData("zero\u200Bwidth\u200Cjoin\u200Ders", "zerowidthjoiners")]
    [InlineData("\uFEFFbom\u00ADsoft\u200Emark\u200F", "bomsoftmark")]
    [InlineData("tag\U000E0041\U000E007Fs", "tags")]
    [InlineData("line\u2028para\u2029end", "line para end")]
    [InlineData("ctrl\u0000\u001b[31m\u0085x", "ctrl  [31m x")]
    [InlineData("\u202E\u200B\u2066", "")]
    [InlineData("keep\ttab\nand newline", "keep\ttab\nand newline")]
    [InlineData("emoji \U0001F642 and accents é", "emoji \U0001F642 and accents é")]
    public void Clean_removes_format_characters_and_spaces_out_separators_and_controls(string input, string expected)
    {
        Assert.Equal(expected, UserText.Clean(input));
    }

    [Fact]
    public void Clean_replaces_an_unpaired_surrogate()
    {
        Assert.Equal("a\uFFFDb", UserText.Clean("a\uD800b"));
    }
}
