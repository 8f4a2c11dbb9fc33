using System.Numerics.Tensors;
using Microneedling.FactCheck.Matching;
using Microneedling.FactCheck.Text;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Semantic;

/// <summary>
/// Triage that understands descriptions: each sentence of a message is compared by meaning with the
/// curated descriptions of every sign (red-flags.yaml, "descriptions") and their calm near misses, and
/// two calibrated logistic models (emergency; urgent or worse) weigh that together with what the
/// patterns found, whether the sentence is a question or a what-if, and how close it is to a claim. A
/// sign asked about as a risk ("can numbing cream cause seizures?") gets conditional advice instead of
/// an alarm.
/// </summary>
public sealed class SemanticTriage
{
    private readonly RedFlagTriage _patterns;
    private readonly float[][][] _danger;
    private readonly float[][][] _calm;
    private readonly float[][] _sharedCalm;
    private ContentIndex? _index;
    private Kind[] _rowKind = [];

    /// <summary>What a row of the content index is, for the neighbourhood.</summary>
    private enum Kind : byte
    {
        Other,
        Emergency,
        Urgent,
        Calm,
        Question,
    }

    /// <summary>How many nearest texts the neighbourhood features count.</summary>
    public const int Neighbours = 10;

    /// <param name="patterns">The pattern triage and the curated descriptions.</param>
    /// <param name="encoder">The sentence model.</param>
    /// <param name="cache">Vectors of content texts.</param>
    public SemanticTriage(RedFlagTriage patterns, SentenceEncoder encoder, VectorCache cache)
    {
        _patterns = patterns;
        var signs = patterns.Descriptions;
        var texts = signs.SelectMany(s => s.Danger.Concat(s.Calm)).Concat(patterns.Calm).ToList();
        var vectors = texts.Count == 0 ? [] : cache.GetOrEncode(texts, encoder);
        _danger = new float[signs.Count][][];
        _calm = new float[signs.Count][][];
        var next = 0;
        for (var i = 0; i < signs.Count; i++)
        {
            _danger[i] = vectors[next..(next += signs[i].Danger.Count)];
            _calm[i] = vectors[next..(next += signs[i].Calm.Count)];
        }
        _sharedCalm = vectors[next..];
    }

    /// <summary>Each sign's danger descriptions' vectors.</summary>
    public IReadOnlyList<float[][]> DangerVectors => _danger;

    /// <summary>Each sign's calm near misses' vectors.</summary>
    public IReadOnlyList<float[][]> CalmVectors => _calm;

    public IReadOnlyList<float[]> SharedCalmVectors => _sharedCalm;

    /// <summary>The curated descriptions of every sign (for fitting the triage word probe).</summary>
    internal IReadOnlyList<DangerDescriptions> Signs => _patterns.Descriptions;

    /// <summary>The near misses of no one sign.</summary>
    internal IReadOnlyList<string> SharedCalm => _patterns.Calm;

    /// <summary>
    /// Reads similarities from the engine's one content index. The neighbourhood is every description
    /// and calm sentence, and the questions people ask (claim texts, out-of-scope examples): a sentence
    /// whose nearest texts are questions the claims answer is a question, however alarming its words.
    /// </summary>
    internal void Use(ContentIndex index)
    {
        var kinds = new Kind[index.Count];
        void Mark(Range r, Kind k) => kinds.AsSpan(r).Fill(k);
        Mark(index.ClaimTexts, Kind.Question);
        Mark(index.OutOfScope, Kind.Question);
        var signs = _patterns.Descriptions;
        for (var i = 0; i < signs.Count; i++)
        {
            Mark(index.Danger[i], signs[i].Level == ReferralLevel.Emergency ? Kind.Emergency : Kind.Urgent);
            Mark(index.Calm[i], Kind.Calm);
        }
        Mark(index.SharedCalm, Kind.Calm);
        _rowKind = kinds;
        _index = index;
    }

    /// <summary>Shares of a sentence's nearest texts that describe an emergency, an urgent sign (emergencies included), or are questions.</summary>
    private (double Emergency, double Urgent, double Question) Neighbourhood(float[] scores)
    {
        Span<float> best = stackalloc float[Neighbours];
        Span<byte> kind = stackalloc byte[Neighbours];
        best.Fill(float.NegativeInfinity);
        for (var t = 0; t < scores.Length; t++)
        {
            if (_rowKind[t] == Kind.Other) continue;
            var s = scores[t];
            if (s <= best[Neighbours - 1]) continue;
            var i = Neighbours - 1;
            while (i > 0 && best[i - 1] < s)
            {
                best[i] = best[i - 1];
                kind[i] = kind[i - 1];
                i--;
            }
            best[i] = s;
            kind[i] = (byte)_rowKind[t];
        }
        int emergency = 0, urgent = 0, question = 0, n = 0;
        for (var i = 0; i < Neighbours; i++)
        {
            if (float.IsNegativeInfinity(best[i])) continue;
            n++;
            switch ((Kind)kind[i])
            {
                case Kind.Emergency: emergency++; urgent++; break;
                case Kind.Urgent: urgent++; break;
                case Kind.Question: question++; break;
            }
        }
        return n == 0 ? (0, 0, 0) : ((double)emergency / n, (double)urgent / n, (double)question / n);
    }

    /// <summary>The most alarming sentence of a message for one level, and the sign it is closest to.</summary>
    internal sealed record LevelEvidence(TriageFeatures.Evidence Features, DangerDescriptions? Sign);

    /// <summary>For each level: the sentence closest to that level's danger descriptions (emergency signs count for urgent too).</summary>
    internal (LevelEvidence Emergency, LevelEvidence Urgent) Read(MessageReading reading, Matching.MatchModel model)
    {
        var probe = model.TriageProbe;
        // The word probe's P(emergency) and P(emergency or urgent), from the whole message's words and pairs.
        var byWords = model.TriageWordProbe.Probabilities(TriageTerms.Of(reading.Whole.Analyzed.CorrectedText));
        var index = _index ?? throw new InvalidOperationException("the content index is not attached");
        var readings = reading.Sentences.Count > 0 ? reading.Sentences : [reading.Whole];
        var vectors = readings.Select(r => r.Vector).ToList();
        var scores = readings.Select(r => r.Scores).ToList();
        var texts = reading.SentenceTexts;
        var claims = readings.Select(r => r.BestDense.First).ToList();
        var signs = _patterns.Descriptions;
        (float Danger, float Lead, int Sentence, int Sign) emergency = (-1, -1, 0, -1), urgent = (-1, -1, 0, -1);
        for (var s = 0; s < scores.Count; s++)
        {
            var shared = ContentIndex.Max(scores[s], index.SharedCalm);
            for (var i = 0; i < signs.Count; i++)
            {
                var danger = ContentIndex.Max(scores[s], index.Danger[i]);
                var lead = danger - Math.Max(shared, ContentIndex.Max(scores[s], index.Calm[i]));
                if (signs[i].Level == ReferralLevel.Emergency && danger + lead > emergency.Danger + emergency.Lead)
                    emergency = (danger, lead, s, i);
                if (danger + lead > urgent.Danger + urgent.Lead)
                    urgent = (danger, lead, s, i);
            }
        }
        var neighbourhoods = scores.Select(Neighbourhood).ToList();
        // The probe's P(emergency) and P(emergency or urgent), at their highest over the sentences.
        double probeEmergency = 0, probeUrgent = 0;
        foreach (var v in vectors)
        {
            var p = probe.Probabilities(v);
            probeEmergency = Math.Max(probeEmergency, p[0]);
            probeUrgent = Math.Max(probeUrgent, p[0] + p[1]);
        }
        // Told anywhere in the message: the resolution is often in another sentence than the alarming one
        // ("my lips went numb during the session. It wore off within the hour.").
        var resolvedAny = texts.Count == 0 ? 0 : texts.Max(t => TriageFeatures.Resolved(TextNormalizer.Normalize(t)));
        LevelEvidence Evidence((float Danger, float Lead, int Sentence, int Sign) best, float other, bool emergencyLevel)
        {
            var text = best.Sentence < texts.Count ? texts[best.Sentence] : "";
            var normalized = TextNormalizer.Normalize(text);
            var here = neighbourhoods[best.Sentence];
            var (asks, reports) = TriageFeatures.Form(normalized);
            var anyDanger = neighbourhoods.Max(h => emergencyLevel ? h.Emergency : h.Urgent);
            return new LevelEvidence(
                new TriageFeatures.Evidence(best.Danger, best.Lead, best.Sentence < claims.Count ? claims[best.Sentence] : 0,
                    text.Contains('?', StringComparison.Ordinal), _patterns.IsHypothetical(normalized), RedFlagTriage.HasNegation(normalized),
                    other, vectors.Count, emergencyLevel ? here.Emergency : here.Urgent, here.Question, anyDanger,
                    emergencyLevel ? probeEmergency : probeUrgent, asks, reports, TriageFeatures.History(normalized),
                    reading.Whole.Analyzed.HasAnchor, reading.Whole.Analyzed.HasContext, reading.OutOfScope, DangerWords(TextNormalizer.Normalize(string.Join(" ", texts))),
                    TriageFeatures.Resolved(normalized), emergencyLevel ? byWords[0] : byWords[0] + byWords[1], resolvedAny),
                best.Sign >= 0 ? signs[best.Sign] : null);
        }
        return (Evidence(emergency, urgent.Danger, true), Evidence(urgent, emergency.Danger, false));
    }

    /// <summary>How many words of the red-flag vocabulary (red-flags.yaml "words": breathe, throat, pus ...) a text has, at most 3.</summary>
    private int DangerWords(string normalized)
    {
        var n = 0;
        foreach (var word in normalized.Split([' ', ',', '.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries))
            if (_dangerWords.Contains(word) && ++n == 3) break;
        return n;
    }

    private HashSet<string> _dangerWords => _dangerWordSet ??= new HashSet<string>(_patterns.Words, StringComparer.Ordinal);

    private HashSet<string>? _dangerWordSet;

    /// <summary>
    /// The message's triage: the emergency model, then the urgent one, decide the level; with neither,
    /// a sign that the patterns or the descriptions found in a question about a risk becomes conditional
    /// advice. Signs and advice come from the patterns that fired and the sign the descriptions matched.
    /// </summary>
    internal TriageResult Assess(MessageReading reading, Matching.MatchModel fitted, TriageResult patterns, bool emergencyAskedOnly)
    {
        var model = fitted.Triage;
        var (emergency, urgent) = Read(reading, fitted);
        var pE = model.EmergencyProbability(TriageFeatures.For(emergency.Features, ReferralLevel.Emergency, patterns.Level, emergencyAskedOnly));
        var pU = model.UrgentProbability(TriageFeatures.For(urgent.Features, ReferralLevel.Urgent, patterns.Level, emergencyAskedOnly));
        var t = model.Thresholds;
        var found = patterns.Level >= ReferralLevel.Urgent;
        var level = pE >= (found ? t.EmergencyWithPattern : t.Emergency) ? ReferralLevel.Emergency
            : pU >= (found ? t.UrgentWithPattern : t.Urgent) ? ReferralLevel.Urgent
            : ReferralLevel.None;
        // A sign only the models found, in a question about the risk that names nobody it is happening to
        // ("can people have trouble breathing after a facial like this?"), is advice as a condition, not an alarm.
        var evidence = level == ReferralLevel.Emergency ? emergency.Features : urgent.Features;
        if (level > patterns.Level && patterns.Level < ReferralLevel.Urgent && evidence.Hypothetical)
            level = ReferralLevel.None;
        var sign = level == ReferralLevel.Emergency ? emergency.Sign : urgent.Sign;
        if (level == ReferralLevel.None)
        {
            // Asked about, not described: the advice as a condition, at the level of what was asked about.
            // A sign the patterns found only in a question, or one the models nearly took for a report in a
            // sentence that asks ("what if", a question word or mark): at least half way to escalating.
            static bool Asks(TriageFeatures.Evidence e) => e.Hypothetical || e.Asks >= 0.5;
            var asked = patterns.Level >= ReferralLevel.Urgent ? patterns.Level
                : patterns.Conditional >= ReferralLevel.Urgent ? patterns.Conditional
                : evidence.Hypothetical && pE >= (found ? t.EmergencyWithPattern : t.Emergency) ? ReferralLevel.Emergency
                : evidence.Hypothetical && pU >= (found ? t.UrgentWithPattern : t.Urgent) ? ReferralLevel.Urgent
                : pE >= model.Thresholds.Emergency / 2 && Asks(emergency.Features) ? ReferralLevel.Emergency
                : pU >= model.Thresholds.Urgent / 2 && Asks(urgent.Features) ? ReferralLevel.Urgent
                : ReferralLevel.None;
            return asked == ReferralLevel.None ? TriageResult.Clear with { Probabilities = (pE, pU) } : TriageResult.Clear with
            {
                Conditional = asked,
                ConditionalAdvice = _patterns.ConditionalAdvice(asked),
                Probabilities = (pE, pU),
            };
        }
        var signs = patterns.Level >= ReferralLevel.Urgent ? patterns.Signs.ToList() : [];
        var advice = new List<string> { _patterns.AdviceFor(level) };
        if (patterns.Level == level && patterns.Advice is not null) advice = [patterns.Advice];
        // The patterns name what they matched; the descriptions' closest sign is named only when the
        // patterns found nothing (it can be a neighbouring sign with advice that does not fit).
        if (sign is not null && signs.Count == 0)
        {
            if (!signs.Contains(sign.Sign)) signs.Add(sign.Sign);
            if (sign.Advice is not null) advice.Add(sign.Advice);
        }
        return new TriageResult(level, signs, string.Join(" ", advice.Distinct())) { Probabilities = (pE, pU) };
    }

    /// <summary>
    /// The triage probe's training set: emergency descriptions (class 0), urgent ones (1), and everything
    /// that must not escalate (2): the calm near misses and <paramref name="notRedFlags"/> (questions
    /// people ask the claims, out-of-scope examples).
    /// </summary>
    internal (List<float[]> X, List<int> Y) ProbeTrainingSet(IReadOnlyList<float[]> notRedFlags)
    {
        var x = new List<float[]>();
        var y = new List<int>();
        var signs = _patterns.Descriptions;
        for (var i = 0; i < signs.Count; i++)
        {
            x.AddRange(_danger[i]);
            y.AddRange(Enumerable.Repeat(signs[i].Level == ReferralLevel.Emergency ? 0 : 1, _danger[i].Length));
            x.AddRange(_calm[i]);
            y.AddRange(Enumerable.Repeat(2, _calm[i].Length));
        }
        x.AddRange(_sharedCalm);
        y.AddRange(Enumerable.Repeat(2, _sharedCalm.Length));
        x.AddRange(notRedFlags);
        y.AddRange(Enumerable.Repeat(2, notRedFlags.Count));
        return (x, y);
    }

}

/// <summary>
/// The calibrated triage: per level a logistic model, and boosted trees when <c>calibrate</c> found they
/// help (their log-odds are averaged with the logistic model's, as the matcher's decision does), and the
/// probability from which each level escalates.
/// </summary>
public sealed record TriageModel
{
    [System.Text.Json.Serialization.JsonPropertyName("emergency")]
    public required LogisticWeights Emergency { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("urgent")]
    public required LogisticWeights Urgent { get; init; }

    /// <summary>Trees for the emergency level; absent in a model where the logistic model alone did better.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("emergency_trees")]
    public BoostedTrees? EmergencyTrees { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("urgent_trees")]
    public BoostedTrees? UrgentTrees { get; init; }

    public double EmergencyProbability(ReadOnlySpan<double> features) => Blend(Emergency, EmergencyTrees, features);

    public double UrgentProbability(ReadOnlySpan<double> features) => Blend(Urgent, UrgentTrees, features);

    private static double Blend(LogisticWeights logistic, BoostedTrees? trees, ReadOnlySpan<double> features) =>
        trees is null ? logistic.Probability(features) : 1 / (1 + Math.Exp(-((logistic.Logit(features) + trees.Logit(features)) / 2)));

    [System.Text.Json.Serialization.JsonPropertyName("thresholds")]
    public required TriageThresholds Thresholds { get; init; }
}

/// <summary>Probabilities from which a message is an emergency, or urgent (fitted by <c>calibrate</c>).</summary>
public sealed record TriageThresholds
{
    [System.Text.Json.Serialization.JsonPropertyName("emergency")]
    public required double Emergency { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("urgent")]
    public required double Urgent { get; init; }

    /// <summary>From this probability when a pattern found a described sign (at most <see cref="Emergency"/>).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("emergency_with_pattern")]
    public required double EmergencyWithPattern { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("urgent_with_pattern")]
    public required double UrgentWithPattern { get; init; }
}
