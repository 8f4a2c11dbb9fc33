using System.Text.Json.Nodes;
using Microneedling.FactCheck.Matching;
using Microneedling.FactCheck.Semantic;

namespace Microneedling.FactCheck.Tests.Engine;

/// <summary>
/// <see cref="MatchModel.Load"/> over the shipped matcher-model.json and copies of it broken one way
/// each: every problem is a <see cref="ContentException"/> naming the file.
/// </summary>
public sealed class MatchModelTests : IDisposable
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "content", MatchModel.FileName);
    private static readonly string Hash = SentenceEncoder.ForFile().ModelHash;
    private readonly TempFolder _folder = new("match-model-");

    public void Dispose() => _folder.Dispose();

    private ContentException LoadFails(string path, string? field = null)
    {
        var ex = Assert.Throws<ContentException>(() => MatchModel.Load(path, Hash));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.File);
        if (field is not null) Assert.Equal(field, error.Field);
        return ex;
    }

    /// <summary>The shipped model with one change, written to a file of its own.</summary>
    private string Broken(string name, Action<JsonObject> change, Func<string, string>? text = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(Shipped))!.AsObject();
        change(root);
        var json = root.ToJsonString();
        return _folder.Write(name + ".json", text is null ? json : text(json));
    }

    [Fact]
    public void The_shipped_model_loads_for_the_shipped_sentence_model()
    {
        var model = MatchModel.Load(Shipped, Hash);
        Assert.Equal(Hash, model.SentenceModel);
        Assert.Equal(MatchModel.TriageProbeClasses, model.TriageProbe.Classes);
        Assert.Contains(MatchModel.OutOfScopeClass, model.ClaimProbe.Classes);
    }

    [Fact]
    public void A_missing_file_names_the_file() => LoadFails(_folder.File("absent.json"));

    [Fact]
    public void An_empty_file_names_the_file() => LoadFails(_folder.Write("empty.json", ""));

    [Fact]
    public void Malformed_json_names_the_file() => LoadFails(_folder.Write("malformed.json", "{ \"ranker\": [1, 2,"));

    [Fact]
    public void A_json_null_names_the_file() => LoadFails(_folder.Write("null.json", "null"));

    [Fact]
    public void A_json_array_names_the_file() => LoadFails(_folder.Write("array.json", "[]"));

    [Fact]
    public void A_model_missing_a_required_part_names_the_file() =>
        LoadFails(Broken("no-ranker", m => m.Remove("ranker")));

    [Fact]
    public void A_ranker_fitted_for_other_feature_names_names_the_file_and_field() =>
        LoadFails(Broken("renamed-feature", m => m["ranker"]!["features"]![0] = "some_other_feature"), "ranker");

    [Fact]
    public void A_decision_model_with_a_feature_fewer_names_the_file_and_field() =>
        LoadFails(Broken("fewer-features", m =>
        {
            var d = m["decision"]!["logistic"]!.AsObject();
            foreach (var key in new[] { "features", "mean", "scale", "weights" }) d[key]!.AsArray().RemoveAt(0);
        }), "decision.logistic");

    [Fact]
    public void A_triage_model_fitted_for_other_features_names_the_file_and_field() =>
        LoadFails(Broken("triage-features", m => m["triage"]!["urgent"]!["features"]![1] = "renamed"), "triage.urgent");

    [Fact]
    public void A_model_fitted_on_another_sentence_model_names_the_file_and_field()
    {
        var ex = LoadFails(Broken("other-hash", m => m["sentence_model"] = "0123456789abcdef-int8"), "sentence_model");
        Assert.Contains("calibrate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_file_loaded_for_another_sentence_model_names_the_file()
    {
        var ex = Assert.Throws<ContentException>(() => MatchModel.Load(Shipped, "fedcba9876543210-int8"));
        Assert.Equal((Shipped, "sentence_model"), (Assert.Single(ex.Errors).File, ex.Errors[0].Field));
    }

    [Theory]
    [InlineData("answer", 1.5)]
    [InlineData("plausible", 0)]
    [InlineData("further", -0.1)]
    public void A_threshold_that_is_not_a_probability_names_the_file_and_field(string name, double value) =>
        LoadFails(Broken("threshold-" + name, m => m["thresholds"]![name] = value), "thresholds." + name);

    [Fact]
    public void A_triage_threshold_of_one_and_a_half_names_the_file_and_field() =>
        LoadFails(Broken("triage-threshold", m => m["triage"]!["thresholds"]!["emergency"] = 1.5), "triage.thresholds.emergency");

    [Fact]
    public void A_NaN_ranker_weight_names_the_file() =>
        LoadFails(Broken("nan-weight", m => m["ranker"]!["weights"]![0] = "__NAN__", t => t.Replace("\"__NAN__\"", "NaN", StringComparison.Ordinal)));

    [Fact]
    public void A_NaN_written_as_a_string_names_the_file() =>
        LoadFails(Broken("nan-string", m => m["decision"]!["logistic"]!["weights"]![2] = "NaN"));

    [Fact]
    public void An_overflowing_weight_names_the_file() =>
        LoadFails(Broken("overflow", m => m["further"]!["bias"] = "__BIG__", t => t.Replace("\"__BIG__\"", "1e999", StringComparison.Ordinal)));

    [Fact]
    public void A_NaN_probe_weight_names_the_file() =>
        LoadFails(Broken("nan-probe", m => m["claim_probe"]!["weights"]![0]![0] = "__NAN__", t => t.Replace("\"__NAN__\"", "NaN", StringComparison.Ordinal)));

    [Fact]
    public void A_zero_scale_names_the_file_and_field() =>
        LoadFails(Broken("zero-scale", m => m["ranker"]!["scale"]![0] = 0), "ranker");

    [Fact]
    public void A_probe_vector_of_the_wrong_length_names_the_file_and_field() =>
        LoadFails(Broken("short-probe", m => m["triage_probe"]!["weights"]![0]!.AsArray().RemoveAt(0)), "triage_probe");

    [Fact]
    public void A_probe_with_a_bias_missing_names_the_file_and_field() =>
        LoadFails(Broken("probe-bias", m => m["claim_probe"]!["bias"]!.AsArray().RemoveAt(0)), "claim_probe");

    [Fact]
    public void A_triage_probe_with_its_classes_reordered_names_the_file_and_field() =>
        LoadFails(Broken("reordered", m => m["triage_probe"]!["classes"] = new JsonArray("urgent", "emergency", "none")), "triage_probe");

    [Fact]
    public void A_model_without_its_triage_thresholds_names_the_file() =>
        LoadFails(Broken("no-triage-thresholds", m => m["triage"]!.AsObject().Remove("thresholds")));

    [Fact]
    public void A_model_without_its_word_probe_names_the_file() =>
        LoadFails(Broken("no-word-probe", m => m.Remove("word_probe")));

    [Fact]
    public void A_word_probe_with_other_classes_than_the_claim_probe_names_the_file_and_field() =>
        LoadFails(Broken("word-classes", m => m["word_probe"]!["classes"]!.AsArray().RemoveAt(0)), "word_probe");

    [Fact]
    public void A_word_probe_with_a_weight_missing_names_the_file_and_field() =>
        LoadFails(Broken("word-weights", m => m["word_probe"]!["weights"]![3]!.AsArray().RemoveAt(0)), "word_probe");

    [Fact]
    public void A_word_probe_with_a_term_twice_names_the_file_and_field() =>
        LoadFails(Broken("word-terms", m => m["word_probe"]!["terms"]![1] = m["word_probe"]!["terms"]![0]!.GetValue<string>()), "word_probe");

    [Fact]
    public void A_NaN_word_probe_weight_names_the_file() =>
        LoadFails(Broken("nan-word", m => m["word_probe"]!["weights"]![0]![0] = "__NAN__", t => t.Replace("\"__NAN__\"", "NaN", StringComparison.Ordinal)));

    [Fact]
    public void A_model_without_its_triage_word_probe_names_the_file() =>
        Assert.Contains("triage_word_probe", LoadFails(Broken("no-triage-words", m => m.Remove("triage_word_probe"))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_triage_word_probe_with_the_claim_classes_names_the_file_and_field() =>
        LoadFails(Broken("triage-words-classes", m => m["triage_word_probe"]!["classes"] = m["word_probe"]!["classes"]!.DeepClone()), "triage_word_probe");

    [Fact]
    public void A_triage_word_probe_with_a_class_missing_its_weights_names_the_file_and_field() =>
        LoadFails(Broken("triage-words-weights", m => m["triage_word_probe"]!["weights"]!.AsArray().RemoveAt(2)), "triage_word_probe");

    [Fact]
    public void A_decision_tree_whose_child_comes_before_it_names_the_file_and_tree() =>
        LoadFails(Broken("tree-loop", m => FirstSplit(m)["left"]!.AsArray()[0] = 0), "decision.trees.trees[0]");

    [Fact]
    public void A_decision_tree_splitting_on_an_unknown_feature_names_the_file_and_tree() =>
        LoadFails(Broken("tree-feature", m => FirstSplit(m)["feature"]!.AsArray()[0] = 999), "decision.trees.trees[0]");

    [Fact]
    public void A_decision_tree_with_a_value_missing_names_the_file_and_tree() =>
        LoadFails(Broken("tree-short", m => FirstSplit(m)["value"]!.AsArray().RemoveAt(0)), "decision.trees.trees[0]");

    [Fact]
    public void A_NaN_leaf_names_the_file() =>
        LoadFails(Broken("tree-nan", m => FirstSplit(m)["value"]!.AsArray()[^1] = "__NAN__", t => t.Replace("\"__NAN__\"", "NaN", StringComparison.Ordinal)));

    [Fact]
    public void A_decision_model_for_other_features_names_the_file_and_field() =>
        LoadFails(Broken("tree-names", m => m["decision"]!["trees"]!["features"]!.AsArray().RemoveAt(0)), "decision.trees");

    [Fact]
    public void A_decision_model_without_its_trees_names_the_file() =>
        Assert.Contains("trees", LoadFails(Broken("no-trees", m => m["decision"]!.AsObject().Remove("trees"))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_triage_tree_splitting_on_an_unknown_feature_names_the_file_and_tree() =>
        LoadFails(Broken("triage-tree-feature", m => m["triage"]!["urgent_trees"]!["trees"]![0]!["feature"]!.AsArray()[0] = 999), "triage.urgent_trees.trees[0]");

    [Fact]
    public void Triage_trees_for_other_features_name_the_file_and_field() =>
        LoadFails(Broken("triage-tree-names", m => m["triage"]!["emergency_trees"]!["features"]!.AsArray().RemoveAt(0)), "triage.emergency_trees");

    [Fact]
    public void A_triage_model_without_trees_loads_and_uses_its_logistic_models_alone()
    {
        var path = Broken("triage-no-trees", m =>
        {
            m["triage"]!.AsObject().Remove("emergency_trees");
            m["triage"]!.AsObject().Remove("urgent_trees");
        });
        var triage = MatchModel.Load(path, Hash).Triage;
        Assert.Null(triage.EmergencyTrees);
        var features = new double[triage.Urgent.Features.Count];
        Assert.Equal(triage.Emergency.Probability(features), triage.EmergencyProbability(features), 12);
    }

    [Fact]
    public void With_trees_a_triage_probability_averages_the_two_models_log_odds()
    {
        var triage = MatchModel.Load(Shipped, Hash).Triage;
        Assert.NotNull(triage.UrgentTrees);
        var features = new double[triage.Urgent.Features.Count];
        features[0] = 0.8; // danger: close to a description
        var logit = (triage.Urgent.Logit(features) + triage.UrgentTrees!.Logit(features)) / 2;
        Assert.Equal(1 / (1 + Math.Exp(-logit)), triage.UrgentProbability(features), 12);
        Assert.NotEqual(triage.Urgent.Probability(features), triage.UrgentProbability(features));
    }

    /// <summary>The decision model's first tree (the shipped one splits at its root).</summary>
    private static JsonObject FirstSplit(JsonObject model) => model["decision"]!["trees"]!["trees"]![0]!.AsObject();
}
