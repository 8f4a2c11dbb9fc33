using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Tests.Engine;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Sentences_end_at_full_stops_exclamation_and_question_marks_which_they_keep() =>
        Assert.Equal(
            ["I started rolling last month.", "My skin feels rough now!", "Should I stop for a while?"],
            SentenceSplitter.Split("I started rolling last month. My skin feels rough now! Should I stop for a while?"));

    [Fact]
    public void Sentences_end_at_line_breaks() =>
        Assert.Equal(
            ["my roller is a year old", "is it time to replace the head"],
            SentenceSplitter.Split("my roller is a year old\r\nis it time to replace the head"));

    [Fact]
    public void Sentences_end_at_semicolons_which_are_dropped() =>
        Assert.Equal(
            ["I roll at night", "my sister rolls every morning"],
            SentenceSplitter.Split("I roll at night; my sister rolls every morning"));

    [Fact]
    public void Sentences_end_at_an_ellipsis_character() =>
        Assert.Equal(
            ["I was going to try it\u2026", "then I read about infections online"],
            SentenceSplitter.Split("I was going to try it\u2026 then I read about infections online"));

    [Fact]
    public void A_decimal_number_does_not_end_a_sentence() =>
        Assert.Equal(
            ["I bought a 0.5mm roller and a 1.0 mm one.", "Which is better for my cheeks?"],
            SentenceSplitter.Split("I bought a 0.5mm roller and a 1.0 mm one. Which is better for my cheeks?"));

    [Fact]
    public void Common_abbreviations_do_not_end_a_sentence() =>
        Assert.Equal(
            ["Some serums, e.g. vitamin C, sting after rolling.", "Dr. Patel said to wait, i.e. skip them for a day."],
            SentenceSplitter.Split("Some serums, e.g. vitamin C, sting after rolling. Dr. Patel said to wait, i.e. skip them for a day."));

    [Fact]
    public void A_one_word_fragment_at_the_start_joins_the_next_sentence() =>
        Assert.Equal(
            ["Hi! Is microneedling safe for darker skin tones?"],
            SentenceSplitter.Split("Hi! Is microneedling safe for darker skin tones?"));

    [Fact]
    public void A_two_word_fragment_at_the_end_joins_the_sentence_before() =>
        Assert.Equal(
            ["Can I roll over a healed tattoo on my arm? thanks lol"],
            SentenceSplitter.Split("Can I roll over a healed tattoo on my arm? thanks lol"));

    [Fact]
    public void A_fragment_in_the_middle_joins_the_sentence_before_it() =>
        Assert.Equal(
            ["I have rolled every week for months. Why?", "My skin looks dull again."],
            SentenceSplitter.Split("I have rolled every week for months. Why? My skin looks dull again."));

    [Fact]
    public void A_long_sentence_asking_two_things_splits_before_and_how()
    {
        var parts = SentenceSplitter.Split("What needle length is fine for using on my face at home, and how often can I roll it each week?");
        Assert.Equal(2, parts.Count);
        Assert.Equal("What needle length is fine for using on my face at home", parts[0]);
        Assert.Contains("how often can I roll it each week?", parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_sentence_splits_before_and_is_without_a_comma()
    {
        var parts = SentenceSplitter.Split("I have a cheap roller from a market stall abroad and is it going to be sterile enough");
        Assert.Equal(2, parts.Count);
        Assert.StartsWith("and is it", parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_sentence_with_and_how_stays_whole() =>
        Assert.Single(SentenceSplitter.Split("is it safe, and how often?"));

    [Fact]
    public void A_clause_too_short_to_stand_alone_is_not_split_off() =>
        Assert.Single(SentenceSplitter.Split("My dermatologist and my aesthetician both told me that rolling is fine, and why"));

    [Fact]
    public void A_message_gives_at_most_MaxSentences_and_the_rest_joins_the_last()
    {
        var sentences = Enumerable.Range(1, SentenceSplitter.MaxSentences + 8).Select(i => $"This is sentence number {i}.").ToList();
        var parts = SentenceSplitter.Split(string.Join(" ", sentences));
        Assert.Equal(SentenceSplitter.MaxSentences, parts.Count);
        Assert.Equal(sentences[..(SentenceSplitter.MaxSentences - 1)], parts[..(SentenceSplitter.MaxSentences - 1)]);
        Assert.StartsWith(sentences[SentenceSplitter.MaxSentences - 1], parts[^1], StringComparison.Ordinal);
        Assert.EndsWith(sentences[^1], parts[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void No_text_is_lost_or_reordered()
    {
        const string text = "Ok so. I tried it! Twice, actually; no problems. What about 0.75 mm e.g. for scars? Thanks.";
        var words = (string s) => s.Split([' ', '.', '!', '?', ';', ','], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(words(text), SentenceSplitter.Split(text).SelectMany(words));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    [InlineData("?!... ;;; !!!")]
    [InlineData("\u2026 \u2026")]
    public void Nothing_to_read_gives_no_sentences(string? text) =>
        Assert.Empty(SentenceSplitter.Split(text));

    [Fact]
    public void A_pathological_message_as_long_as_the_engine_reads_is_split_quickly()
    {
        // The engine hands the splitter at most TextNormalizer.MaxAnalysedLength characters.
        var text = string.Concat(Enumerable.Repeat("e.g. x, and is ", 1000))[..TextNormalizer.MaxAnalysedLength];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var parts = SentenceSplitter.Split(text);
        watch.Stop();
        Assert.InRange(parts.Count, 1, SentenceSplitter.MaxSentences);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
