using Microneedling.FactCheck.Calibration;

namespace Microneedling.FactCheck.Tests.Engine;

public sealed class ThresholdSearchTests
{
    private static ThresholdSearch.Decision Right(double certainty) => new("para", true, certainty, [0.9, 0.05], [true, false]);
    private static ThresholdSearch.Decision Wrong(double certainty) => new("para", true, certainty, [0.9, 0.05], [false, true]);
    private static ThresholdSearch.Decision Ood(double certainty) => new("ood", false, certainty, [0.6, 0.05], [false, false]);

    private static int Index(double threshold) => Array.FindIndex(ThresholdSearch.Grid, g => Math.Abs(g - threshold) < 1e-9);

    // Right answers are sure (0.8-0.99), wrong ones and out-of-scope messages are not (0.4-0.6): any
    // answer threshold between the two groups answers every right one and no wrong one.
    private static List<ThresholdSearch.Decision> Separable()
    {
        var rows = new List<ThresholdSearch.Decision>();
        for (var i = 0; i < 300; i++) rows.Add(Right(0.8 + (0.19 * i / 299)));
        for (var i = 0; i < 40; i++) rows.Add(Wrong(0.4 + (0.2 * i / 39)));
        for (var i = 0; i < 60; i++) rows.Add(Ood(0.4 + (0.2 * i / 59)));
        return rows;
    }

    [Fact]
    public void Measure_counts_each_outcome_at_a_setting()
    {
        var search = new ThresholdSearch([Right(0.95), Wrong(0.95), Right(0.3), Ood(0.95), Ood(0.1)]);
        var t = search.Measure(Index(0.92), Index(0.02));
        Assert.Equal(1, t.Direct);
        Assert.Equal(2, t.Wrong);       // the wrong claim and the out-of-scope message answered at once
        Assert.Equal(2, t.OodShown);    // one answered, one asked "did you mean" (its second candidate reaches 0.02)
        Assert.Equal(1, t.Clarify);     // the unsure right one
        Assert.Equal((3, 2, 5), (t.InScope, t.Ood, t.Judged));
        Assert.Equal(8 + 8 + 3 + 1, t.Cost);
    }

    [Fact]
    public void Best_answers_every_right_question_and_no_wrong_one_when_they_separate()
    {
        var search = new ThresholdSearch(Separable());
        var (answer, plausible, feasible) = search.Best();
        Assert.True(feasible);
        var t = search.Measure(answer, plausible);
        Assert.Equal(300, t.Direct);
        Assert.Equal(0, t.Wrong);
        Assert.InRange(ThresholdSearch.Grid[answer], 0.6, 0.8);
    }

    [Fact]
    public void The_resampled_median_is_reproducible_and_within_the_limits_on_clean_data()
    {
        var search = new ThresholdSearch(Separable());
        var first = search.MedianOfResamples();
        Assert.Equal(first, search.MedianOfResamples());
        Assert.True(search.Measure(first.Answer, first.Plausible).Within(ThresholdSearch.WrongLimit, ThresholdSearch.ClarifyLimit, ThresholdSearch.OodShownLimit));
    }

    [Fact]
    public void When_nothing_is_within_the_limits_the_least_harmful_setting_is_chosen_and_said_to_be_outside()
    {
        // Wrong answers as sure as right ones, and a second candidate above every threshold: each setting
        // either answers half wrongly or asks "did you mean" every time; asking costs less.
        ThresholdSearch.Decision Tied(bool right) => new("para", true, 0.97, [0.999, 0.999], [right, !right]);
        var rows = Enumerable.Range(0, 50).SelectMany(_ => new[] { Tied(true), Tied(false) }).ToList();
        var search = new ThresholdSearch(rows);
        var (answer, plausible, feasible) = search.Best();
        Assert.False(feasible);
        var t = search.Measure(answer, plausible);
        Assert.Equal((0, 100), (t.Wrong, t.Clarify));
    }
}
