using Microneedling.FactCheck.Matching;

namespace Microneedling.FactCheck.Calibration;

/// <summary>
/// The answer and did-you-mean thresholds, chosen on out-of-fold decisions: the most questions answered
/// at once within the product's limits on wrong answers, "did you mean" and out-of-scope messages shown
/// a claim. The best setting for one sample of questions is a noisy estimate where a handful of wrong
/// answers decides it (one more wrong answer can move the answer threshold from 0.91 to 0.95), so the
/// setting kept is the median of the best settings of bootstrap resamples of the questions. Ties, and
/// the choice when no setting is within the limits, go by harm: a wrong answer at once (or any answer to
/// an out-of-scope message) costs 8, a "did you mean" for an out-of-scope message 3, declining an
/// answerable question 2, a "did you mean" without the right claim 1.5, with it 1.
/// </summary>
public sealed class ThresholdSearch
{
    /// <summary>One training question as the fitted models decided it, before any threshold.</summary>
    public readonly record struct Decision(string Kind, bool InScope, double Certainty, double[] P, bool[] Right);

    /// <summary>What one setting does to the questions (counts weighted by how often a resample drew each).</summary>
    public readonly record struct Tally(double Direct, double Clarify, double Wrong, double OodShown, double Cost, double InScope, double Ood, double Judged)
    {
        public double DirectShare => Direct / Math.Max(1, InScope);

        public bool Within(double wrong, double clarify, double oodShown) =>
            Wrong <= wrong * Judged && Clarify <= clarify * InScope && OodShown <= oodShown * Math.Max(1, Ood);
    }

    public const double WrongLimit = 0.008, ClarifyLimit = 0.05, OodShownLimit = 0.025;
    private const int Resamples = 50;
    private const int Seed = 20261203;

    public static readonly double[] Grid = Enumerable.Range(0, 79).Select(i => 0.02 + (i * 0.0125)).ToArray();

    // Per question, how many grid values lie at or below its certainty, its second candidate's P and its
    // best right candidate's P: the setting (answer a, plausible p) answers it at once when a < _answerBelow,
    // asks "did you mean" when not and p < _plausibleBelow.
    private readonly Decision[] _decisions;
    private readonly int[] _answerBelow, _plausibleBelow, _rightBelow;

    public ThresholdSearch(IReadOnlyList<Decision> decisions)
    {
        _decisions = [.. decisions];
        _answerBelow = _decisions.Select(d => d.P.Length == 0 ? 0 : Below(d.Certainty)).ToArray();
        _plausibleBelow = _decisions.Select(d => d.P.Length > 1 ? Below(d.P[1]) : 0).ToArray();
        _rightBelow = _decisions.Select(d => Below(d.P.Take(3).Where((_, i) => d.Right[i]).DefaultIfEmpty(-1).Max())).ToArray();
    }

    private static int Below(double value) => Grid.Count(g => g <= value);

    /// <summary>The outcome of one setting, every question counted <paramref name="weights"/> times (once when null).</summary>
    public Tally Measure(int answer, int plausible, int[]? weights = null)
    {
        double direct = 0, clarify = 0, wrong = 0, oodShown = 0, cost = 0, inScope = 0, ood = 0, judged = 0;
        for (var i = 0; i < _decisions.Length; i++)
        {
            var w = weights?[i] ?? 1;
            if (w == 0) continue;
            var d = _decisions[i];
            var outcome = answer < _answerBelow[i] ? MatchConfidence.High
                : plausible < _plausibleBelow[i] ? MatchConfidence.Medium
                : MatchConfidence.None;
            judged += w;
            if (d.InScope) inScope += w;
            if (d.Kind == "ood")
            {
                ood += w;
                if (outcome != MatchConfidence.None) oodShown += w;
                if (outcome == MatchConfidence.High) wrong += w;
                cost += w * (outcome switch { MatchConfidence.High => 8, MatchConfidence.Medium => 3, _ => 0 });
                continue;
            }
            if (outcome == MatchConfidence.High && d.Right.Length > 0 && d.Right[0]) direct += w;
            else if (outcome == MatchConfidence.High) wrong += w;
            else if (outcome == MatchConfidence.Medium) clarify += w;
            cost += w * (outcome switch
            {
                MatchConfidence.High => d.Right[0] ? 0 : 8,
                MatchConfidence.Medium => plausible < _rightBelow[i] ? 1 : 1.5,
                _ => 2,
            });
        }
        return new Tally(direct, clarify, wrong, oodShown, cost, inScope, ood, judged);
    }

    /// <summary>
    /// The setting with the most answered at once within the limits (the lowest cost among those, or
    /// overall when none is within them), for one weighting of the questions.
    /// </summary>
    public (int Answer, int Plausible, bool Feasible) Best(int[]? weights = null)
    {
        var best = (Answer: 0, Plausible: 0, Feasible: false, Direct: -1.0, Cost: double.MaxValue);
        for (var a = 0; a < Grid.Length; a++)
            for (var p = 0; p < Grid.Length; p++)
            {
                var t = Measure(a, p, weights);
                var feasible = t.Within(WrongLimit, ClarifyLimit, OodShownLimit);
                var better = feasible != best.Feasible ? feasible
                    : feasible ? t.DirectShare > best.Direct || (t.DirectShare == best.Direct && t.Cost < best.Cost)
                    : t.Cost < best.Cost;
                if (better) best = (a, p, feasible, t.DirectShare, t.Cost);
            }
        return (best.Answer, best.Plausible, best.Feasible);
    }

    /// <summary>The median of the best settings of bootstrap resamples (fixed seed, so a refit is reproducible).</summary>
    public (int Answer, int Plausible) MedianOfResamples()
    {
        var picks = Resampled(_decisions.Length, weights => Best(weights));
        return (Median(picks.Select(x => x.Answer)), Median(picks.Select(x => x.Plausible)));
    }

    /// <summary>
    /// <paramref name="best"/> of each of 50 bootstrap resamples of <paramref name="count"/> rows, given as
    /// how many times each row was drawn; the seed is fixed, so a refit is reproducible.
    /// </summary>
    public static List<T> Resampled<T>(int count, Func<int[], T> best)
    {
        var random = new Random(Seed);
        var picks = new List<T>(Resamples);
        var weights = new int[count];
        for (var r = 0; r < Resamples; r++)
        {
            Array.Clear(weights);
            for (var i = 0; i < count; i++) weights[random.Next(count)]++;
            picks.Add(best(weights));
        }
        return picks;
    }

    /// <summary>The middle value (the upper one of an even count).</summary>
    public static T Median<T>(IEnumerable<T> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
