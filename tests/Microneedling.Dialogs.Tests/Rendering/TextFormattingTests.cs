using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

public sealed class TextFormattingTests
{
    [Fact]
    public void Speech_drops_Markdown_links_and_markup_and_spells_out_millimetres()
    {
        var speak = SpokenText.From("**False:** see [the guide](https://example.org/guide) <b>now</b> `code` # heading", "Use 0.25mm needles & wait");

        Assert.Equal("False: see the guide now code heading. Use 0.25 millimetres needles and wait.", speak);
    }

    [Fact]
    public void Clean_keeps_one_paragraph_without_control_or_format_characters()
    {
        Assert.Equal("a b c d", MarkdownText.Clean("  a\n\tb\u0000\u001b \u202ec  \r\n d \n"));
    }

    [Theory]
    [InlineData("Already clean text, with punctuation.", "Already clean text, with punctuation.")]
    [InlineData("x", "x")]
    [InlineData(" leading", "leading")]
    [InlineData("trailing ", "trailing")]
    [InlineData("two  spaces", "two spaces")]
    [InlineData("a\u00a0no-break space", "a no-break space")]
    [InlineData("zero\u200bwidth", "zerowidth")]
    [InlineData("tab\there", "tab here")]
    [InlineData("bell\u0007", "bell")]
    [InlineData(" ", "")]
    public void Clean_returns_clean_text_as_it_is_and_cleans_the_rest(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Clean(System.Text.RegularExpressions.Regex.Unescape(text)));
    }

    [Fact]
    public void Link_text_and_url_cannot_break_out_of_the_link()
    {
        var link = MarkdownText.Link("A [bracketed] title", new Uri("https://example.org/a_(b)"));

        Assert.Equal("[A (bracketed) title](https://example.org/a_%28b%29)", link);
    }

    [Fact]
    public void Plain_text_turns_links_into_title_and_url_and_drops_emphasis()
    {
        var plain = MarkdownText.ToPlain("**Sources**\n- [Title](https://example.org/x), Pub, 2020\n\n_Last reviewed 1 May 2026_");

        Assert.Equal("Sources\n- Title (https://example.org/x), Pub, 2020\n\nLast reviewed 1 May 2026", plain);
    }

    [Fact]
    public void Only_https_sources_become_links()
    {
        Assert.StartsWith("[T](https://", MarkdownText.Citation(new FactCheck.Source("T", "P", 2020, new Uri("https://example.org/"))), StringComparison.Ordinal);
        Assert.Equal("T, P, 2020", MarkdownText.Citation(new FactCheck.Source("T", "P", 2020, new Uri("http://example.org/"))));
    }
}
