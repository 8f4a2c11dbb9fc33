using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microneedling.FactCheck.Matching;

/// <summary>
/// The calibrated part of matching, fitted on labelled questions by <c>microneedling calibrate</c> and
/// kept with the content (<c>matcher-model.json</c>). The logistic <see cref="Ranker"/> gives
/// the probability that a claim is one the message asks about (from <see cref="MatchFeatures"/>) and
/// orders the candidates; the <see cref="Decision"/> (a logistic model and boosted trees) gives the probability that the best of them is
/// right (from <see cref="DecisionFeatures"/>: how far ahead it is, how the message reads). The
/// <see cref="Thresholds"/> turn those into answering at once, "did you mean", or declining. Nothing
/// here is set by hand.
/// </summary>
public sealed record MatchModel
{
    public const string FileName = "matcher-model.json";

    /// <summary>
    /// Which claim a sentence vector belongs to, fitted on the claims' own texts, with one more class
    /// (<see cref="OutOfScopeClass"/>) fitted on the out-of-scope examples.
    /// </summary>
    [JsonPropertyName("claim_probe")]
    public required Semantic.LinearProbe ClaimProbe { get; init; }

    /// <summary>Which claim a message's words point at, with the claim probe's classes.</summary>
    [JsonPropertyName("word_probe")]
    public required WordProbe WordProbe { get; init; }

    /// <summary>Whether a sentence describes an emergency, an urgent sign, or neither (classes in that order).</summary>
    [JsonPropertyName("triage_probe")]
    public required Semantic.LinearProbe TriageProbe { get; init; }

    /// <summary>
    /// Whether a message's words and word pairs (<see cref="FactCheck.Triage.TriageTerms"/>) tell an
    /// emergency, an urgent sign, or neither, with the triage probe's classes.
    /// </summary>
    [JsonPropertyName("triage_word_probe")]
    public required WordProbe TriageWordProbe { get; init; }

    public const string OutOfScopeClass = "(out of scope)";

    [JsonPropertyName("ranker")]
    public required LogisticWeights Ranker { get; init; }

    /// <summary>Whether the ranker's best claim is right (<see cref="DecisionModel"/>).</summary>
    [JsonPropertyName("decision")]
    public required DecisionModel Decision { get; init; }

    /// <summary>Whether a message also asks about a further claim (from <see cref="ExtraFeatures"/>).</summary>
    [JsonPropertyName("further")]
    public required LogisticWeights Extra { get; init; }

    [JsonPropertyName("thresholds")]
    public required MatchThresholds Thresholds { get; init; }

    /// <summary>The calibrated red-flag triage.</summary>
    [JsonPropertyName("triage")]
    public required Semantic.TriageModel Triage { get; init; }

    /// <summary>The sentence model's hash the similarities came from: another model needs another fit.</summary>
    [JsonPropertyName("sentence_model")]
    public required string SentenceModel { get; init; }

    /// <summary>How it was fitted and what it scored on the held-out sets: for the curator, not used.</summary>
    [JsonPropertyName("fit")]
    public JsonElement? Fit { get; init; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Reads and checks a fitted model; throws <see cref="ContentException"/> naming the file.</summary>
    public static MatchModel Load(string path, string sentenceModelHash)
    {
        MatchModel? model;
        try
        {
            model = JsonSerializer.Deserialize<MatchModel>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw Error(path, "", $"cannot be read: {e.Message}");
        }
        if (model is null) throw Error(path, "", "is empty");
        model.ClaimProbe?.Validate(path, "claim_probe");
        model.TriageProbe?.Validate(path, "triage_probe");
        if (model.ClaimProbe is null || model.TriageProbe is null || model.WordProbe is null || model.TriageWordProbe is null)
            throw Error(path, "", "needs claim_probe, word_probe, triage_probe and triage_word_probe");
        model.WordProbe.Validate(path, "word_probe", model.ClaimProbe.Classes);
        model.TriageWordProbe.Validate(path, "triage_word_probe", TriageProbeClasses);
        if (!model.TriageProbe.Classes.SequenceEqual(TriageProbeClasses)) throw Error(path, "triage_probe", $"classes must be {string.Join(", ", TriageProbeClasses)}");
        model.Ranker.Validate(path, "ranker", MatchFeatures.Names);
        if (model.Decision?.Logistic is null || model.Decision.Trees is null) throw Error(path, "decision", "needs a logistic model and trees");
        model.Decision.Logistic.Validate(path, "decision.logistic", DecisionFeatures.Names);
        model.Decision.Trees.Validate(path, "decision.trees", DecisionFeatures.Names);
        model.Extra.Validate(path, "further", ExtraFeatures.Names);
        if (!string.Equals(model.SentenceModel, sentenceModelHash, StringComparison.Ordinal))
            throw Error(path, "sentence_model", $"was fitted on sentence model {model.SentenceModel}, not the one shipped ({sentenceModelHash}); run `microneedling calibrate`");
        model.Thresholds.Validate(path);
        if (model.Triage?.Emergency is null || model.Triage.Urgent is null || model.Triage.Thresholds is null)
            throw Error(path, "triage", "needs emergency and urgent models and thresholds");
        model.Triage.Emergency.Validate(path, "triage.emergency", FactCheck.Triage.TriageFeatures.Names);
        model.Triage.Urgent.Validate(path, "triage.urgent", FactCheck.Triage.TriageFeatures.Names);
        model.Triage.EmergencyTrees?.Validate(path, "triage.emergency_trees", FactCheck.Triage.TriageFeatures.Names);
        model.Triage.UrgentTrees?.Validate(path, "triage.urgent_trees", FactCheck.Triage.TriageFeatures.Names);
        foreach (var (name, t) in new[] { ("emergency", model.Triage.Thresholds.Emergency), ("urgent", model.Triage.Thresholds.Urgent), ("emergency_with_pattern", model.Triage.Thresholds.EmergencyWithPattern), ("urgent_with_pattern", model.Triage.Thresholds.UrgentWithPattern) })
            if (!(t is > 0 and <= 1))
                throw Error(path, "triage.thresholds." + name, "must be a probability above 0 and at most 1");
        return model;
    }

    public static readonly IReadOnlyList<string> TriageProbeClasses = ["emergency", "urgent", "none"];

    internal static ContentException Error(string path, string field, string message) => new([new ContentError(path, 1, field, message)]);
}

/// <summary>
/// Whether the ranker's best claim is right: the mean of the log-odds of a logistic model and of boosted
/// trees on the same features. The trees learn combinations a weighted sum cannot (a close match by
/// meaning counts for much when the message also names the treatment, little when it reads like an
/// out-of-scope example); the logistic model stays smooth where the labelled questions are few, where
/// trees alone answered short look-alikes ("is eczema genetic") with certainty. Out of fold on the
/// training sets (2026-12-02): within 1 % answered wrong, 0.86 of in-scope questions answered at once by
/// the logistic model alone, 0.89 by the trees alone, 0.89 by the two together, which also lose least
/// at the strictest limits.
/// </summary>
public sealed record DecisionModel
{
    [JsonPropertyName("logistic")]
    public required LogisticWeights Logistic { get; init; }

    [JsonPropertyName("trees")]
    public required BoostedTrees Trees { get; init; }

    public double Probability(ReadOnlySpan<double> features) =>
        1 / (1 + Math.Exp(-((Logistic.Logit(features) + Trees.Logit(features)) / 2)));
}

/// <summary>One logistic model over named, standardised features.</summary>
public sealed record LogisticWeights
{
    [JsonPropertyName("features")]
    public required IReadOnlyList<string> Features { get; init; }

    [JsonPropertyName("mean")]
    public required IReadOnlyList<double> Mean { get; init; }

    [JsonPropertyName("scale")]
    public required IReadOnlyList<double> Scale { get; init; }

    [JsonPropertyName("weights")]
    public required IReadOnlyList<double> Weights { get; init; }

    [JsonPropertyName("bias")]
    public required double Bias { get; init; }

    /// <summary>
    /// The smallest and largest value each feature took in the fit. A message unlike any the model was
    /// fitted on (6,000 characters of one word) is read as the nearest it knows, not extrapolated.
    /// </summary>
    [JsonPropertyName("min")]
    public IReadOnlyList<double>? Min { get; init; }

    [JsonPropertyName("max")]
    public IReadOnlyList<double>? Max { get; init; }

    public double Probability(ReadOnlySpan<double> features) => 1 / (1 + Math.Exp(-Logit(features)));

    /// <summary>The log-odds behind <see cref="Probability"/>.</summary>
    public double Logit(ReadOnlySpan<double> features)
    {
        var z = Bias;
        for (var i = 0; i < features.Length; i++)
        {
            var x = features[i];
            if (Min is not null && Max is not null) x = Math.Clamp(x, Min[i], Max[i]);
            z += Weights[i] * (x - Mean[i]) / Scale[i];
        }
        return z;
    }

    internal void Validate(string path, string name, IReadOnlyList<string> expected)
    {
        if (Features is null || !Features.SequenceEqual(expected))
            throw MatchModel.Error(path, name, $"was fitted for other features; run `microneedling calibrate` to fit it again");
        var n = expected.Count;
        if (Mean?.Count != n || Scale?.Count != n || Weights?.Count != n || Scale.Any(s => !(s > 0)))
            throw MatchModel.Error(path, name, $"needs {n} means, positive scales and weights");
        if (Weights.Append(Bias).Concat(Mean).Any(w => !double.IsFinite(w)))
            throw MatchModel.Error(path, name, "has a weight that is not a finite number");
        if ((Min is null) != (Max is null) || (Min is not null && (Min.Count != n || Max!.Count != n || Min.Zip(Max).Any(p => !(p.First <= p.Second)))))
            throw MatchModel.Error(path, name, $"needs {n} min and max values (min <= max) or neither");
    }
}

/// <summary>
/// Probabilities where the outcomes change: answer at once when the decision model gives at least
/// <see cref="Answer"/>; otherwise "did you mean" when at least two claims reach <see cref="Plausible"/>
/// by the ranker; a further claim is answered beside the first from <see cref="Further"/>.
/// </summary>
public sealed record MatchThresholds
{
    [JsonPropertyName("answer")]
    public required double Answer { get; init; }

    [JsonPropertyName("plausible")]
    public required double Plausible { get; init; }

    /// <summary>A further claim is answered beside the first when the further-claim model gives at least this.</summary>
    [JsonPropertyName("further")]
    public required double Further { get; init; }

    internal void Validate(string path)
    {
        foreach (var (name, value) in new[] { ("answer", Answer), ("plausible", Plausible), ("further", Further) })
            if (!(value is > 0 and <= 1))
                throw MatchModel.Error(path, "thresholds." + name, "must be a probability above 0 and at most 1");
    }
}
