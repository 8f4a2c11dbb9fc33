using Microneedling.FactCheck.Quantities;
using Microneedling.FactCheck.Text;

namespace Microneedling.FactCheck.Tests;

public sealed class QuantityReaderTests
{
    private static readonly QuantityReader Reader = new();

    private static IReadOnlyList<Quantity> Read(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return Reader.Read(normalized, Tokenizer.Tokenize(normalized));
    }

    private static Quantity Single(string text, QuantityKind kind) => Assert.Single(Read(text), q => q.Kind == kind);

    [Theory]
    [InlineData("is a 1.5mm roller ok", 1.5, 1.5)]
    [InlineData("what about 0.25 mm needles", 0.25, 0.25)]
    [InlineData("2 millimetres at home?", 2, 2)]
    [InlineData("a 3 millimeter dermaroller", 3, 3)]
    [InlineData("needles from 1mm – 3mm in length", 1, 3)]
    [InlineData("1-3mm needles", 1, 3)]
    [InlineData("1 to 3 mm", 1, 3)]
    [InlineData("half a millimeter", 0.5, 0.5)]
    [InlineData("0.05 cm needles", 0.5, 0.5)]
    [InlineData("250 microns", 0.25, 0.25)]
    [InlineData("use a .5 mm", 0.5, 0.5)]
    [InlineData("1/2 mm", 0.5, 0.5)]
    [InlineData("one and a half millimetres", 1.5, 1.5)]
    public void Needle_lengths_are_read_in_millimetres(string text, double min, double max)
    {
        var q = Single(text, QuantityKind.NeedleLength);
        Assert.Equal(min, q.Min, 3);
        Assert.Equal(max, q.Max, 3);
    }

    [Theory]
    [InlineData("is home rolling 3-5 times a week safe?", 3, 5)]
    [InlineData("three times a week", 3, 3)]
    [InlineData("5x a week", 5, 5)]
    [InlineData("4 x per week", 4, 4)]
    [InlineData("twice a week", 2, 2)]
    [InlineData("once or twice each week", 1, 2)]
    [InlineData("once a week", 1, 1)]
    [InlineData("weekly", 1, 1)]
    [InlineData("every day", 7, 7)]
    [InlineData("can I roll daily", 7, 7)]
    [InlineData("twice a day", 14, 14)]
    [InlineData("every other day", 3.5, 3.5)]
    [InlineData("every 2 days", 3.5, 3.5)]
    [InlineData("3 days a week", 3, 3)]
    [InlineData("3 times weekly", 3, 3)]
    public void Frequencies_are_read_per_week(string text, double min, double max)
    {
        var q = Single(text, QuantityKind.Frequency);
        Assert.Equal(min, q.Min, 2);
        Assert.Equal(max, q.Max, 2);
    }

    [Theory]
    [InlineData("can it be repeated every 6-8 weeks", 6, 8)]
    [InlineData("every two weeks", 2, 2)]
    [InlineData("every 4 weeks", 4, 4)]
    [InlineData("sessions 4 weeks apart", 4, 4)]
    [InlineData("every month", 4.348, 4.348)]
    [InlineData("every fortnight", 2, 2)]
    public void Intervals_are_read_in_weeks(string text, double min, double max)
    {
        var q = Single(text, QuantityKind.Interval);
        Assert.Equal(min, q.Min, 2);
        Assert.Equal(max, q.Max, 2);
    }

    [Theory]
    [InlineData("does collagen keep forming for 12 months", 365.28)]
    [InlineData("redness after 3 days", 3)]
    [InlineData("results in 6 weeks", 42)]
    [InlineData("for a year", 0)]
    public void Durations_are_read_in_days(string text, double days)
    {
        var found = Read(text).Where(q => q.Kind == QuantityKind.Duration).ToList();
        if (days == 0)
        {
            Assert.Empty(found); // "a year" has no number: not a quantity to judge
            return;
        }
        Assert.Equal(days, Assert.Single(found).Min, 1);
    }

    [Theory]
    [InlineData("my face is still red 10 days after microneedling", 10)]
    [InlineData("peeling and tight 3 days later, normal?", 3)]
    [InlineData("swollen for 2 weeks now", 14)]
    [InlineData("still sore 4 days after", 4)]
    public void A_span_in_a_message_about_a_skin_reaction_is_also_how_long_the_reaction_lasted(string text, double days)
    {
        Assert.Equal(days, Single(text, QuantityKind.ReactionDuration).Min, 1);
        Assert.Equal(days, Single(text, QuantityKind.Duration).Min, 1);
    }

    [Theory]
    [InlineData("do I have to wait 6 months after accutane")]
    [InlineData("results after 6 weeks of microneedling")]
    [InlineData("can i use retinol 2 days after microneedling")]
    [InlineData("got a cold sore 2 days after my session")]
    public void A_span_with_no_skin_reaction_is_only_a_duration(string text)
    {
        Assert.Contains(Read(text), q => q.Kind == QuantityKind.Duration);
        Assert.DoesNotContain(Read(text), q => q.Kind == QuantityKind.ReactionDuration);
    }

    [Fact]
    public void Length_and_frequency_in_one_message_are_both_read()
    {
        var found = Read("is a 1.5mm roller ok three times a week");
        Assert.Contains(found, q => q.Kind == QuantityKind.NeedleLength && q.Max == 1.5);
        Assert.Contains(found, q => q.Kind == QuantityKind.Frequency && q.Max == 3);
        Assert.Equal(2, found.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("is microneedling painful")]
    [InlineData("I am 35 years old")] // a duration-like phrase with no unit question is still read, but never a length
    [InlineData("call 911")]
    [InlineData("2026 mm")] // not a needle length
    public void Text_without_needle_numbers_gives_no_length(string text) =>
        Assert.DoesNotContain(Read(text), q => q.Kind == QuantityKind.NeedleLength);

    [Fact]
    public void Garbage_does_not_throw()
    {
        Assert.Empty(Read("\u0000\u0001\u0002 ###### ∞∞∞ 😀😀"));
        var huge = string.Concat(Enumerable.Repeat("3 mm 5x a week ", 10_000));
        Assert.NotEmpty(Read(huge));
    }
}
