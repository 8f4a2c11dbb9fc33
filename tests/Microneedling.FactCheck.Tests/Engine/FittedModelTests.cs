using Microneedling.FactCheck.Matching;
using Microneedling.FactCheck.Semantic;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// LogisticRegression and SoftmaxRegression are internal (no InternalsVisibleTo for this project), so
/// their fit is checked through what it produced and ships (content/matcher-model.json) and the public
/// arithmetic that reads it (<see cref="LinearProbe"/>, <see cref="LogisticWeights"/>): a probe fitted on
/// the claims' own texts must put them back in their own class.
/// </summary>
public sealed class FittedModelTests
{
    private static readonly SentenceEncoder Encoder = SentenceEncoder.ForFile();
    private static readonly Lazy<MatchModel> Shipped = new(() =>
        MatchModel.Load(Path.Combine(AppContext.BaseDirectory, "content", MatchModel.FileName), Encoder.ModelHash));

    private static int ArgMax(float[] p) => Array.IndexOf(p, p.Max());

    [Fact]
    public void The_claim_probe_puts_nearly_every_claim_statement_in_its_own_class()
    {
        var claims = ClaimSetLoader.Load(Path.Combine(AppContext.BaseDirectory, "content", "claims")).All;
        var probe = Shipped.Value.ClaimProbe;
        var vectors = Encoder.Encode(claims.Select(c => c.Statement).ToList());
        var wrong = claims.Where((c, i) => probe.Classes[ArgMax(probe.Probabilities(vectors[i]))] != c.Id).Select(c => c.Id).ToList();
        Assert.True(wrong.Count <= claims.Count / 20, $"{wrong.Count} of {claims.Count} statements in another class: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void The_triage_probe_puts_nearly_every_emergency_description_in_the_emergency_class()
    {
        var triage = RedFlagTriage.Load(Path.Combine(AppContext.BaseDirectory, "content", "red-flags.yaml"));
        var danger = triage.Descriptions.Where(d => d.Level == ReferralLevel.Emergency).SelectMany(d => d.Danger).ToList();
        var probe = Shipped.Value.TriageProbe;
        var vectors = Encoder.Encode(danger);
        var right = vectors.Count(v => ArgMax(probe.Probabilities(v)) == 0);
        Assert.True(right >= danger.Count * 0.9, $"{right} of {danger.Count} emergency descriptions in the emergency class");
    }

    [Fact]
    public void A_probes_probabilities_are_the_softmax_of_its_scores()
    {
        var w0 = new float[SentenceEncoder.Dimensions];
        var w1 = new float[SentenceEncoder.Dimensions];
        w0[0] = 2;
        w1[1] = -1;
        var probe = new LinearProbe { Classes = ["a", "b"], Weights = [w0, w1], Bias = [0.5f, 0] };
        var x = new float[SentenceEncoder.Dimensions];
        x[0] = 0.6f;
        x[1] = 0.8f;
        var p = probe.Probabilities(x);
        var (z0, z1) = (2 * 0.6 + 0.5, -0.8);
        Assert.Equal(Math.Exp(z0) / (Math.Exp(z0) + Math.Exp(z1)), p[0], 5);
        Assert.Equal(1, p[0] + p[1], 5);
    }

    [Fact]
    public void A_logistic_model_standardises_each_feature_before_weighing_it()
    {
        var model = new LogisticWeights { Features = ["x", "y"], Mean = [1, -2], Scale = [2, 0.5], Weights = [0.8, -1.5], Bias = 0.25 };
        var z = 0.25 + (0.8 * (3 - 1) / 2) + (-1.5 * (-1.5 + 2) / 0.5);
        Assert.Equal(1 / (1 + Math.Exp(-z)), model.Probability([3, -1.5]), 12);
    }
}
