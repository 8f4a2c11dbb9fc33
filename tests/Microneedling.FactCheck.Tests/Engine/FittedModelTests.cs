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
    public void The_word_probe_puts_nearly_every_claim_statement_in_its_own_class()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "content");
        var analyzer = new Text.TextAnalyzer(Vocabulary.DomainVocabulary.Load(Path.Combine(dir, "vocabulary.yaml")), new Quantities.QuantityReader());
        var claims = ClaimSetLoader.Load(Path.Combine(dir, "claims")).All;
        var probe = Shipped.Value.WordProbe;
        var wrong = claims.Where(c => probe.Classes[ArgMax(probe.Probabilities(analyzer.Analyze(c.Statement, correctSpelling: false).Terms))] != c.Id).Select(c => c.Id).ToList();
        Assert.True(wrong.Count <= claims.Count / 10, $"{wrong.Count} of {claims.Count} statements in another class: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void The_triage_word_probe_puts_most_danger_descriptions_above_their_calm_near_misses()
    {
        // Fitted on these descriptions (and the labelled messages), so on its own training texts it must
        // mostly tell a sign from its near misses by their words alone.
        var triage = RedFlagTriage.Load(Path.Combine(AppContext.BaseDirectory, "content", "red-flags.yaml"));
        var probe = Shipped.Value.TriageWordProbe;
        double Alarm(string text)
        {
            var p = probe.Probabilities(TriageTerms.Of(Text.TextNormalizer.Normalize(text)));
            return p[0] + p[1];
        }
        // Per sign, the share of (danger, calm) pairs whose danger description the words put higher.
        var pairs = 0;
        var ordered = 0;
        foreach (var sign in triage.Descriptions)
        {
            var calm = sign.Calm.Select(Alarm).ToList();
            foreach (var danger in sign.Danger.Select(Alarm))
            {
                pairs += calm.Count;
                ordered += calm.Count(c => danger > c);
            }
        }
        Assert.True(ordered >= pairs * 0.9, $"{ordered} of {pairs} danger and calm pairs in order");
    }

    [Fact]
    public void A_word_probe_weighs_each_known_term_once_at_one_over_the_root_of_their_number_and_ignores_the_rest()
    {
        var probe = new WordProbe { Terms = ["roller", "share", "clean"], Classes = ["a", "b"], Weights = [[1, 2, 0], [0, 0, 3]], Bias = [0.5f, 0] };
        var p = probe.Probabilities(["share", "roller", "share", "pizza"]);
        var (z0, z1) = (0.5 + ((1 + 2) / Math.Sqrt(2)), 0.0);
        Assert.Equal(Math.Exp(z0) / (Math.Exp(z0) + Math.Exp(z1)), p[0], 5);
        Assert.Equal(1, p[0] + p[1], 5);
        var none = probe.Probabilities(["pizza"]);
        Assert.Equal(Math.Exp(0.5) / (Math.Exp(0.5) + 1), none[0], 5);
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
    public void Boosted_trees_add_the_leaf_each_tree_sends_a_message_to()
    {
        // Root splits on x <= 0.5; its right child splits on y <= 2.
        var tree = new BoostedTrees.Tree { Feature = [0, -1, 1, -1, -1], Threshold = [0.5, 0, 2, 0, 0], Left = [1, 0, 3, 0, 0], Right = [2, 0, 4, 0, 0], Leaf = [0, -0.4, 0, 0.3, 0.9] };
        var model = new BoostedTrees { Features = ["x", "y"], Base = 0.1, Trees = [tree, tree] };
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        Assert.Equal(Sigmoid(0.1 - 0.8), model.Probability([0.5, 9]), 12);
        Assert.Equal(Sigmoid(0.1 + 0.6), model.Probability([0.7, 2]), 12);
        Assert.Equal(Sigmoid(0.1 + 1.8), model.Probability([0.7, 1e300]), 12);
    }

    [Fact]
    public void Boosting_learns_an_either_or_that_no_weighted_sum_can()
    {
        // Right when exactly one of the two features is high: a logistic model gets half of these wrong.
        var random = new Random(7);
        var x = Enumerable.Range(0, 400).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToList();
        var y = x.Select(v => (v[0] > 0.5) != (v[1] > 0.5)).ToList();
        var model = Calibration.GradientBoosting.Fit(x, y, ["a", "b"], trees: 60, depth: 2, rate: 0.3, minLeaf: 5);
        var right = x.Zip(y).Count(p => model.Probability(p.First) > 0.5 == p.Second);
        Assert.True(right >= 380, $"{right} of 400 right");
        Assert.True(model.Probability([0.9, 0.1]) > 0.9 && model.Probability([0.9, 0.9]) < 0.1);
    }

    [Fact]
    public void Boosting_without_a_split_worth_making_gives_the_prior()
    {
        var x = Enumerable.Repeat(new[] { 1.0 }, 40).ToList();
        var y = Enumerable.Range(0, 40).Select(i => i % 4 == 0).ToList();
        var model = Calibration.GradientBoosting.Fit(x, y, ["same"], trees: 50);
        Assert.All(model.Trees, t => Assert.Single(t.Feature));
        Assert.Equal(0.25, model.Probability([1.0]), 2);
    }

    [Fact]
    public void The_shipped_decision_model_answers_each_claims_own_statement_at_once()
    {
        var engine = FactChecker.Load(Path.Combine(AppContext.BaseDirectory, "content"));
        var hesitant = engine.Claims.All.Where(c => engine.Check(c.Statement).Confidence != MatchConfidence.High).Select(c => c.Id).ToList();
        Assert.True(hesitant.Count <= engine.Claims.All.Count / 10, $"{hesitant.Count} statements not answered at once: {string.Join(", ", hesitant)}");
    }

    [Fact]
    public void A_logistic_model_standardises_each_feature_before_weighing_it()
    {
        var model = new LogisticWeights { Features = ["x", "y"], Mean = [1, -2], Scale = [2, 0.5], Weights = [0.8, -1.5], Bias = 0.25 };
        var z = 0.25 + (0.8 * (3 - 1) / 2) + (-1.5 * (-1.5 + 2) / 0.5);
        Assert.Equal(1 / (1 + Math.Exp(-z)), model.Probability([3, -1.5]), 12);
    }
}
