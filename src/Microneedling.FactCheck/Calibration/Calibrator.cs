using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microneedling.FactCheck.Evaluation;
using Microneedling.FactCheck.Matching;
using Microneedling.FactCheck.Semantic;
using Microneedling.FactCheck.Text;
using Microneedling.FactCheck.Triage;

namespace Microneedling.FactCheck.Calibration;

/// <summary>
/// Fits the matcher model. From the content alone: the claim probe (which claim a sentence vector
/// belongs to, from each claim's texts and the out-of-scope examples) and the triage probe (emergency,
/// urgent or neither, from the red-flag descriptions and everything that is not one). From labelled
/// questions: the ranker on every candidate of every question; the decision model on the ranker's
/// out-of-fold probabilities (what it will see on new questions); the triage models; and every
/// threshold on out-of-fold probabilities, so none is flattered by the fit. Held-out sets are only
/// scored, never fitted on.
/// </summary>
public sealed class Calibrator
{
    private const int Folds = 5;
    private static readonly HashSet<string> InScope = ["para", "num", "typo", "contra", "multi"];

    private readonly FactChecker _engine;
    private readonly HybridMatcher _hybrid;
    private readonly SemanticTriage _triage;
    private readonly TextWriter _log;
    private readonly MatchModel _contentProbes;

    /// <param name="engine">An engine from <see cref="FactChecker.LoadForCalibration"/>.</param>
    /// <param name="log">Progress lines (the fit takes a while).</param>
    public Calibrator(FactChecker engine, TextWriter log)
    {
        _engine = engine;
        _hybrid = engine.Hybrid ?? throw new ArgumentException("calibration needs the semantic matcher", nameof(engine));
        _triage = engine.SemanticTriage ?? throw new ArgumentException("calibration needs the semantic detector", nameof(engine));
        _log = log;
        _contentProbes = Probes([]);
    }

    /// <summary>A labelled message read once: the reading, what the patterns found, and its fold.</summary>
    private sealed record Message(string Set, EvalCase Case, MessageReading Reading, TriageResult Patterns, bool EmergencyAskedOnly, int Fold);

    /// <summary>
    /// Fits on <paramref name="train"/>. The probes learn from the content and from the training
    /// messages; every feature a later model is fitted on comes from probes that did not see that
    /// message (its fold left out), and every threshold from models that did not see it either.
    /// Returns the model; its "fit" section says how.
    /// </summary>
    public MatchModel Fit(IReadOnlyList<(string Name, IReadOnlyList<EvalCase> Cases)> train, double l2 = 1.0)
    {
        var started = Stopwatch.GetTimestamp();
        var messages = new List<Message>();
        foreach (var (set, c) in train.SelectMany(t => t.Cases.Select(c => (t.Name, c))))
        {
            var (patterns, askedOnly) = _engine.PatternTriage(c.Question);
            messages.Add(new Message(set, c, _engine.Read(c.Question), patterns, askedOnly, messages.Count % Folds));
            if (messages.Count % 200 == 0) _log.WriteLine($"calibrate: {messages.Count} messages read");
        }
        _log.WriteLine($"calibrate: read {messages.Count} training messages in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        var probes = Enumerable.Range(0, Folds).Select(k => Probes(messages.Where(m => m.Fold != k).ToList())).ToArray();
        var final = Probes(messages);
        _log.WriteLine($"calibrate: fitted the claim and triage probes ({Folds} folds and all) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

        var rows = messages.Where(m => InScope.Contains(m.Case.Kind) || m.Case.Kind == "ood").Select(m => ToRow(m, probes[m.Fold])).ToList();
        if (rows.Count == 0) throw new ArgumentException("the training sets have no in-scope or out-of-scope questions to fit the matcher on", nameof(train));

        // Ranker per fold, and each question's decision row from the ranker that did not see it.
        var rankers = Enumerable.Range(0, Folds).Select(k => FitRanker(rows.Where(r => r.Fold != k).ToList(), l2)).ToArray();
        var decisionRows = rows.Select(r => DecisionRow(r, rankers[r.Fold])).ToList();
        var decisions = Enumerable.Range(0, Folds)
            .Select(k => FitDecision(decisionRows.Where((_, i) => rows[i].Fold != k).ToList(), l2)).ToArray();
        var foldModels = Enumerable.Range(0, Folds).Select(k => probes[k] with { Ranker = rankers[k], Decision = decisions[k] }).ToArray();
        var thresholds = ChooseThresholds(rows, r => foldModels[r.Fold]);

        var ranker = FitRanker(rows, l2);
        var decision = FitDecision(decisionRows, l2);
        var furtherModel = _furtherRows.Any(r => r.Right)
            ? ToWeights(LogisticRegression.Fit(_furtherRows.Select(r => r.Features).ToList(), _furtherRows.Select(r => r.Right).ToList(), l2), ExtraFeatures.Names)
            : Placeholder(ExtraFeatures.Names);
        var triage = ChooseTriage(messages, probes, l2);
        var fit = new Dictionary<string, object?>
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["train"] = train.Select(t => new { set = t.Name, questions = t.Cases.Count }).ToList(),
            ["l2"] = l2,
            ["candidate_rows"] = rows.Sum(r => r.Candidates.Count),
            ["features_from"] = $"probes fitted with each message's fold left out ({Folds} folds)",
            ["thresholds_from"] = $"{Folds}-fold out-of-fold probabilities",
        };
        _log.WriteLine($"calibrate: fitted in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return final with { Ranker = ranker, Decision = decision, Extra = furtherModel, Thresholds = thresholds, Triage = triage, Fit = JsonSerializer.SerializeToElement(fit) };
    }

    /// <summary>
    /// The claim probe (which claim a vector belongs to; the out-of-scope examples and questions are one
    /// more class) and the triage probe (emergency, urgent or neither), fitted on the content and on
    /// <paramref name="messages"/> (each read whole).
    /// </summary>
    private MatchModel Probes(IReadOnlyList<Message> messages)
    {
        var claims = _engine.Claims.All;
        var classOf = claims.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var outOfScope = claims.Count;
        var vectors = _hybrid.ClaimVectors;
        var x = vectors.TextVectors.Concat(_hybrid.OutOfScope.Vectors).ToList();
        var y = vectors.TextOwners.Concat(Enumerable.Repeat(outOfScope, _hybrid.OutOfScope.Vectors.Count)).ToList();
        foreach (var m in messages)
        {
            if (ProbeClass(m, classOf) is not { } c) continue;
            x.Add(m.Reading.Vectors.Whole);
            y.Add(c);
        }
        // Lighter than the default penalty, chosen out of fold (most answered at once at 0.8 % wrong:
        // 0.859 at 1e-3, 0.874 at 1e-4 and at 1e-5): at the default the probe was under-fitted, and
        // the decision model leans on it to tell neighbouring claims apart.
        var (cw, cb) = SoftmaxRegression.Fit(x, y, outOfScope + 1, l2: 1e-4);
        var claimProbe = new LinearProbe { Classes = [.. claims.Select(c => c.Id), MatchModel.OutOfScopeClass], Weights = cw, Bias = cb };
        var wordProbe = FitWordProbe(messages, claimProbe.Classes, classOf);

        var (tx, ty) = _triage.ProbeTrainingSet(vectors.TextVectors.Concat(_hybrid.OutOfScope.Vectors).ToList());
        foreach (var m in messages)
        {
            tx.Add(m.Reading.Vectors.Whole);
            ty.Add(m.Case.Kind switch { "emergency" => 0, "urgent" => 1, _ => 2 });
        }
        var (tw, tb) = SoftmaxRegression.Fit(tx, ty, 3);
        var triageProbe = new LinearProbe { Classes = MatchModel.TriageProbeClasses, Weights = tw, Bias = tb };
        var triageWords = FitTriageWordProbe(messages);
        return ToModel(claimProbe, wordProbe, triageProbe, triageWords, Placeholder(MatchFeatures.Names), new DecisionModel { Logistic = Placeholder(DecisionFeatures.Names), Trees = new BoostedTrees { Features = DecisionFeatures.Names, Base = 0, Trees = [] } }, Untuned, UntunedTriage, []) with { Extra = Placeholder(ExtraFeatures.Names) };
    }

    /// <summary>
    /// The class a training question teaches the claim and word probes: out of scope (the class after the
    /// claims) for an out-of-scope one, its claim for a question about one claim; none for the rest
    /// (red-flag rows, questions about several claims).
    /// </summary>
    private static int? ProbeClass(Message m, Dictionary<string, int> classOf)
    {
        if (m.Case.Kind == "ood") return classOf.Count;
        return InScope.Contains(m.Case.Kind) && m.Case.Kind != "multi" && m.Case.Expect.Count > 0 && classOf.TryGetValue(m.Case.Expect[0], out var c) ? c : null;
    }

    /// <summary>
    /// The word probe, on the same examples as the claim probe (each claim's statement and phrasings, the
    /// out-of-scope examples, the training questions read whole), over the terms that occur in at least
    /// two of them: a term seen once is more likely a writer's quirk than a sign of the claim.
    /// </summary>
    private WordProbe FitWordProbe(IReadOnlyList<Message> messages, IReadOnlyList<string> classes, Dictionary<string, int> classOf)
    {
        var claims = _engine.Claims.All;
        var outOfScope = claims.Count;
        var examples = new List<(IReadOnlyList<string> Terms, int Class)>();
        for (var c = 0; c < claims.Count; c++)
            foreach (var text in claims[c].Phrasings.Prepend(claims[c].Statement))
                examples.Add((_hybrid.TermsOf(text), c));
        examples.AddRange(_hybrid.OutOfScope.Examples.Select(e => (_hybrid.TermsOf(e), outOfScope)));
        foreach (var m in messages)
            if (ProbeClass(m, classOf) is { } c) examples.Add((m.Reading.Whole.Analyzed.Terms, c));
        // The same light penalty as the triage word probe's, chosen out of fold with the claim probe's
        // 1e-4: answered at once at 0.8 % wrong 0.874 -> 0.888.
        return FitWords(examples, classes, l2: 1e-5);
    }

    /// <summary>
    /// A word probe over the terms that occur in at least two of <paramref name="examples"/>: a term seen
    /// once is more likely a writer's quirk than a sign of the class.
    /// </summary>
    private static WordProbe FitWords(IReadOnlyList<(IReadOnlyList<string> Terms, int Class)> examples, IReadOnlyList<string> classes, double l2)
    {
        var terms = examples.SelectMany(e => e.Terms.Distinct(StringComparer.Ordinal))
            .GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() >= 2).Select(g => g.Key)
            .Order(StringComparer.Ordinal).ToList();
        var index = terms.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var (w, b) = SoftmaxRegression.FitSparse(examples.Select(e => WordProbe.Features(e.Terms, index)).ToList(), examples.Select(e => e.Class).ToList(), classes.Count, terms.Count, l2);
        // Four decimals keep the model file readable in a diff and change no decision.
        static float Round(float v) => MathF.Round(v, 4);
        return new WordProbe { Terms = terms, Classes = classes, Weights = w.Select(r => r.Select(Round).ToArray()).ToArray(), Bias = b.Select(Round).ToArray() };
    }

    /// <summary>
    /// The triage word probe, on what the triage probe is fitted on: the danger descriptions (emergency,
    /// urgent), their calm near misses, the claims' texts and out-of-scope examples (neither), and the
    /// training messages read whole, by their label.
    /// </summary>
    private WordProbe FitTriageWordProbe(IReadOnlyList<Message> messages)
    {
        static IReadOnlyList<string> Terms(string text) => TriageTerms.Of(TextNormalizer.Normalize(text));
        var examples = new List<(IReadOnlyList<string> Terms, int Class)>();
        foreach (var sign in _triage.Signs)
        {
            examples.AddRange(sign.Danger.Select(d => (Terms(d), sign.Level == ReferralLevel.Emergency ? 0 : 1)));
            examples.AddRange(sign.Calm.Select(c => (Terms(c), 2)));
        }
        examples.AddRange(_triage.SharedCalm.Select(c => (Terms(c), 2)));
        foreach (var claim in _engine.Claims.All)
            examples.AddRange(claim.Phrasings.Prepend(claim.Statement).Select(t => (Terms(t), 2)));
        examples.AddRange(_hybrid.OutOfScope.Examples.Select(e => (Terms(e), 2)));
        foreach (var m in messages)
            examples.Add((TriageTerms.Of(m.Reading.Whole.Analyzed.CorrectedText), m.Case.Kind switch { "emergency" => 0, "urgent" => 1, _ => 2 }));
        // A lighter penalty than the claim word probe's: out of fold the triage cost fell 631 -> 541 -> 510
        // from 1e-3 to 1e-4 to 1e-5 and stays there below (507 at 1e-6; the fixed number of steps is then
        // what regularises), so the words a denial or a history is told in can outweigh a sign's words.
        return FitWords(examples, MatchModel.TriageProbeClasses, l2: 1e-5);
    }

    private static LogisticWeights Placeholder(IReadOnlyList<string> names) => new()
    {
        Features = names,
        Mean = new double[names.Count],
        Scale = Enumerable.Repeat(1.0, names.Count).ToArray(),
        Weights = new double[names.Count],
        Bias = 0,
    };

    private static LogisticWeights FitRanker(IReadOnlyList<Row> rows, double l2)
    {
        var x = rows.SelectMany(r => r.Candidates.Select(c => c.Features)).ToList();
        var y = rows.SelectMany(r => r.Candidates.Select(c => c.Right)).ToList();
        return ToWeights(LogisticRegression.Fit(x, y, l2), MatchFeatures.Names);
    }

    /// <summary>The decision model's view of a question: its best claim by this ranker, and whether that is right.</summary>
    private static (double[] Features, bool Right) DecisionRow(Row row, LogisticWeights ranker)
    {
        var scored = row.Candidates.Select(c => (c.Features, c.Right, P: ranker.Probability(c.Features))).OrderByDescending(c => c.P).ToList();
        if (scored.Count == 0) return (DecisionFeatures.For(new double[MatchFeatures.Count], 0, 0, row.Reading.OutOfScope), false);
        var p2 = scored.Count > 1 ? scored[1].P : 0;
        return (DecisionFeatures.For(scored[0].Features, scored[0].P, p2, row.Reading.OutOfScope), scored[0].Right && row.Case.Kind != "ood");
    }

    private static DecisionModel FitDecision(IReadOnlyList<(double[] Features, bool Right)> rows, double l2)
    {
        var x = rows.Select(r => r.Features).ToList();
        var y = rows.Select(r => r.Right).ToList();
        return new DecisionModel { Logistic = ToWeights(LogisticRegression.Fit(x, y, l2), DecisionFeatures.Names), Trees = GradientBoosting.Fit(x, y, DecisionFeatures.Names) };
    }

    private static LogisticWeights ToWeights(LogisticRegression.Fitted f, IReadOnlyList<string> names) => new()
    {
        Features = names,
        Mean = f.Mean,
        Scale = f.Scale,
        Weights = f.Weights,
        Bias = f.Bias,
        Min = f.Min,
        Max = f.Max,
    };

    /// <summary>
    /// Writes every question's candidates and features as JSON lines (set, kind, q, expect, candidates:
    /// [{claim, right, features}], triage features), for looking at the data outside the tool.
    /// </summary>
    public void Dump(IReadOnlyList<(string Name, IReadOnlyList<EvalCase> Cases)> sets, TextWriter output)
    {
        var ids = _engine.Claims.All.Select(c => c.Id).ToList();
        foreach (var (name, cases) in sets)
        {
            foreach (var c in cases)
            {
                var good = c.Expect.Concat(c.Accept).ToHashSet(StringComparer.Ordinal);
                var reading = _engine.Read(c.Question);
                var probe = _hybrid.Probe(reading, _contentProbes);
                var (patterns, askedOnly) = _engine.PatternTriage(c.Question);
                var (emergency, urgent) = _triage.Read(reading, _contentProbes);
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    set = name,
                    kind = c.Kind,
                    q = c.Question,
                    expect = c.Expect,
                    accept = c.Accept,
                    out_of_scope = reading.OutOfScope,
                    candidates = _hybrid.Candidates(reading).Select(claim => new
                    {
                        claim = ids[claim],
                        right = good.Contains(ids[claim]),
                        features = MatchFeatures.For(reading.Whole, reading.Sentences, claim, probe),
                    }).ToList(),
                    triage_emergency = TriageFeatures.For(emergency.Features, ReferralLevel.Emergency, patterns.Level, askedOnly),
                    triage_urgent = TriageFeatures.For(urgent.Features, ReferralLevel.Urgent, patterns.Level, askedOnly),
                    emergency_sign = emergency.Sign?.Id,
                    urgent_sign = urgent.Sign?.Id,
                }));
            }
        }
    }

    /// <summary>A labelled question for the matcher: its reading, candidates with features, what is right, and its fold.</summary>
    private sealed record Row(string Set, EvalCase Case, MessageReading Reading, IReadOnlyList<(int Claim, double[] Features, bool Right)> Candidates, int Fold);

    private Row ToRow(Message m, MatchModel probes)
    {
        var ids = _engine.Claims.All.Select(c => c.Id).ToList();
        var good = Good(m.Case);
        var probe = _hybrid.Probe(m.Reading, probes);
        var candidates = _hybrid.Candidates(m.Reading)
            .Select(claim => (claim, MatchFeatures.For(m.Reading.Whole, m.Reading.Sentences, claim, probe), good.Contains(ids[claim])))
            .ToList();
        return new Row(m.Set, m.Case, m.Reading, candidates, m.Fold);
    }

    private MatchModel ToModel(LinearProbe claimProbe, WordProbe wordProbe, LinearProbe triageProbe, WordProbe triageWords, LogisticWeights ranker, DecisionModel decision, MatchThresholds thresholds, TriageModel triage, Dictionary<string, object?> fit) => new()
    {
        ClaimProbe = claimProbe,
        WordProbe = wordProbe,
        TriageProbe = triageProbe,
        TriageWordProbe = triageWords,
        Extra = Placeholder(ExtraFeatures.Names),
        Ranker = ranker,
        Decision = decision,
        Thresholds = thresholds,
        Triage = triage,
        SentenceModel = _hybrid.ModelHash,
        Fit = JsonSerializer.SerializeToElement(fit),
    };

    private static readonly TriageModel UntunedTriage = new()
    {
        Emergency = new LogisticWeights { Features = TriageFeatures.Names, Mean = new double[TriageFeatures.Names.Length], Scale = Enumerable.Repeat(1.0, TriageFeatures.Names.Length).ToArray(), Weights = new double[TriageFeatures.Names.Length], Bias = -10 },
        Urgent = new LogisticWeights { Features = TriageFeatures.Names, Mean = new double[TriageFeatures.Names.Length], Scale = Enumerable.Repeat(1.0, TriageFeatures.Names.Length).ToArray(), Weights = new double[TriageFeatures.Names.Length], Bias = -10 },
        Thresholds = new TriageThresholds { Emergency = 0.5, Urgent = 0.5, EmergencyWithPattern = 0.5, UrgentWithPattern = 0.5 },
    };

    /// <summary>
    /// The triage models, fitted on every labelled message (red-flag rows are the positives, every
    /// other row a message that must not escalate), and their thresholds on out-of-fold probabilities:
    /// a missed emergency costs most, then a missed urgent sign or an emergency sent only to urgent
    /// care, then an alarm for a calm message. Logistic models alone or with boosted trees, whichever
    /// costs less out of fold.
    /// </summary>
    private TriageModel ChooseTriage(IReadOnlyList<Message> messages, MatchModel[] probes, double l2)
    {
        var rows = messages.Select(m =>
        {
            var (emergency, urgent) = _triage.Read(m.Reading, probes[m.Fold]);
            return (m.Case.Kind,
                E: TriageFeatures.For(emergency.Features, ReferralLevel.Emergency, m.Patterns.Level, m.EmergencyAskedOnly),
                U: TriageFeatures.For(urgent.Features, ReferralLevel.Urgent, m.Patterns.Level, m.EmergencyAskedOnly));
        }).ToList();
        bool IsEmergency(string kind) => kind == "emergency";
        bool IsUrgent(string kind) => kind is "urgent" or "emergency";
        var fold = messages.Select(m => m.Fold).ToArray();
        var names = TriageFeatures.Names;
        // Fitted twice: logistic models alone, and logistic models with boosted trees (which can learn
        // features that matter together: close to a danger description but told as a history, or
        // denied). The one with the lower out-of-fold cost is kept.
        (LogisticRegression.Fitted E, LogisticRegression.Fitted U, BoostedTrees? ET, BoostedTrees? UT) Fit(IReadOnlyList<(string Kind, double[] E, double[] U)> train, bool trees)
        {
            var (xE, yE) = (train.Select(r => r.E).ToList(), train.Select(r => IsEmergency(r.Kind)).ToList());
            var (xU, yU) = (train.Select(r => r.U).ToList(), train.Select(r => IsUrgent(r.Kind)).ToList());
            return (LogisticRegression.Fit(xE, yE, l2), LogisticRegression.Fit(xU, yU, l2),
                trees ? GradientBoosting.Fit(xE, yE, names) : null, trees ? GradientBoosting.Fit(xU, yU, names) : null);
        }
        TriageModel Model((LogisticRegression.Fitted E, LogisticRegression.Fitted U, BoostedTrees? ET, BoostedTrees? UT) fitted, TriageThresholds thresholds) => new()
        {
            Emergency = ToWeights(fitted.E, names),
            Urgent = ToWeights(fitted.U, names),
            EmergencyTrees = fitted.ET,
            UrgentTrees = fitted.UT,
            Thresholds = thresholds,
        };
        // Out-of-fold probabilities of both variants from one fit per fold: the logistic models are the
        // same in both, so the logistic-only variant is the blended one with its trees left out.
        ((double[] E, double[] U) Logistic, (double[] E, double[] U) Blended) OutOfFold()
        {
            var logistic = (E: new double[rows.Count], U: new double[rows.Count]);
            var blended = (E: new double[rows.Count], U: new double[rows.Count]);
            for (var k = 0; k < Folds; k++)
            {
                var withTrees = Model(Fit(rows.Where((_, i) => fold[i] != k).ToList(), trees: true), UntunedTriage.Thresholds);
                var alone = withTrees with { EmergencyTrees = null, UrgentTrees = null };
                for (var i = 0; i < rows.Count; i++)
                {
                    if (fold[i] != k) continue;
                    (logistic.E[i], logistic.U[i]) = (alone.EmergencyProbability(rows[i].E), alone.UrgentProbability(rows[i].U));
                    (blended.E[i], blended.U[i]) = (withTrees.EmergencyProbability(rows[i].E), withTrees.UrgentProbability(rows[i].U));
                }
            }
            return (logistic, blended);
        }
        var grid = Enumerable.Range(1, 98).Select(i => i / 100.0).ToArray();
        // Where the patterns found a described sign, the models may escalate from a lower probability
        // (a keyword pattern is strong evidence; the models mostly learn when it is not).
        var patternAny = Array.IndexOf(names, "pattern_any");
        var patternFound = rows.Select(r => r.U[patternAny] > 0).ToArray();
        double Cost((double[] E, double[] U) p, double te, double tu, double tePattern, double tuPattern, int[]? weights)
        {
            var cost = 0.0;
            for (var i = 0; i < rows.Count; i++)
            {
                var w = weights?[i] ?? 1;
                if (w == 0) continue;
                var (e, u) = patternFound[i] ? (tePattern, tuPattern) : (te, tu);
                var level = p.E[i] >= e ? ReferralLevel.Emergency : p.U[i] >= u ? ReferralLevel.Urgent : ReferralLevel.None;
                cost += w * rows[i].Kind switch
                {
                    "emergency" => level == ReferralLevel.Emergency ? 0 : level == ReferralLevel.Urgent ? 5 : 10,
                    "urgent" => level >= ReferralLevel.Urgent ? 0 : 6,
                    _ => level >= ReferralLevel.Urgent ? 3 : 0,
                };
            }
            return cost;
        }
        (double Cost, double E, double U, double EP, double UP) Choose((double[] E, double[] U) p, int[]? weights)
        {
            var best = (Cost: double.MaxValue, E: 0.5, U: 0.5, EP: 0.5, UP: 0.5);
            foreach (var te in grid)
                foreach (var tu in grid)
                    if (Cost(p, te, tu, te, tu, weights) is var cost && cost < best.Cost) best = (cost, te, tu, te, tu);
            foreach (var tePattern in grid.Where(t => t <= best.E))
                foreach (var tuPattern in grid.Where(t => t <= best.U))
                    if (Cost(p, best.E, best.U, tePattern, tuPattern, weights) is var cost && cost < best.Cost) best = (cost, best.E, best.U, tePattern, tuPattern);
            return best;
        }
        // As for the matcher's thresholds (ThresholdSearch): the best setting of one sample moves a lot
        // with a few messages, most of all the pattern thresholds, which only the messages a pattern
        // caught decide; the median of the best settings of bootstrap resamples is kept.
        (double Cost, double E, double U, double EP, double UP) Chosen((double[] E, double[] U) p)
        {
            var picks = ThresholdSearch.Resampled(rows.Count, w => Choose(p, w));
            var (e, u, ep, up) = (ThresholdSearch.Median(picks.Select(x => x.E)), ThresholdSearch.Median(picks.Select(x => x.U)), ThresholdSearch.Median(picks.Select(x => x.EP)), ThresholdSearch.Median(picks.Select(x => x.UP)));
            return (Cost(p, e, u, ep, up, null), e, u, ep, up);
        }
        var (logistic, blended) = OutOfFold();
        var (logisticBest, blendedBest) = (Chosen(logistic), Chosen(blended));
        var useTrees = blendedBest.Cost < logisticBest.Cost;
        var (p, best) = useTrees ? (blended, blendedBest) : (logistic, logisticBest);
        var sampleBest = Choose(p, null);
        _log.WriteLine($"calibrate: red flags: out-of-fold cost {logisticBest.Cost:0} with logistic models, {blendedBest.Cost:0} with boosted trees too; kept {(useTrees ? "the trees" : "the logistic models alone")}");
        _log.WriteLine($"calibrate: red flags: this sample's own best {sampleBest.E:0.00} / {sampleBest.U:0.00}, {sampleBest.EP:0.00} / {sampleBest.UP:0.00} where a pattern found a sign (cost {sampleBest.Cost:0})");
        var final = Fit(rows, useTrees);
        _log.WriteLine($"calibrate: red flags from P >= {best.E:0.00} (emergency) / {best.U:0.00} (urgent), {best.EP:0.00} / {best.UP:0.00} where a pattern found a sign, over {rows.Count} messages ({rows.Count(r => IsUrgent(r.Kind))} red flags), out-of-fold cost {best.Cost:0}");
        return Model(final, new TriageThresholds { Emergency = best.E, Urgent = best.U, EmergencyWithPattern = best.EP, UrgentWithPattern = best.UP });
    }

    private static readonly double[] CurveCaps = [0.005, 0.008, 0.01, 0.015, 0.02, 0.03];

    private static readonly MatchThresholds Untuned = new() { Answer = 0.5, Plausible = 0.3, Further = 1.0 };

    /// <summary>
    /// The answer and did-you-mean thresholds (one claim per message, <see cref="ThresholdSearch"/>); then,
    /// with those, the threshold for further claims.
    /// </summary>
    private MatchThresholds ChooseThresholds(List<Row> rows, Func<Row, MatchModel> modelFor)
    {
        // Each question ranked once by the model that did not see it; only the thresholds vary below.
        var ranked = rows.Select(r => (Row: r, Model: modelFor(r), Ranked: _hybrid.Rank(r.Reading, modelFor(r)))).ToList();
        var ids = _engine.Claims.All.Select(c => c.Id).ToList();
        var decided = ranked.Select(x =>
        {
            var p1 = x.Ranked.Count > 0 ? x.Ranked[0].P : 0;
            var p2 = x.Ranked.Count > 1 ? x.Ranked[1].P : 0;
            var certainty = x.Ranked.Count == 0 ? 0 : x.Model.Decision.Probability(DecisionFeatures.For(x.Ranked[0].Features, p1, p2, x.Row.Reading.OutOfScope));
            var good = Good(x.Row.Case);
            return new ThresholdSearch.Decision(x.Row.Case.Kind, InScope.Contains(x.Row.Case.Kind), certainty,
                x.Ranked.Select(c => c.P).ToArray(), x.Ranked.Select(c => good.Contains(ids[c.Claim])).ToArray());
        }).ToList();
        var search = new ThresholdSearch(decided);
        // What more wrong answers would buy (the same limits on "did you mean" and out of scope, a little looser).
        var curve = CurveCaps.ToDictionary(cap => cap, _ => 0.0);
        for (var a = 0; a < ThresholdSearch.Grid.Length; a++)
            for (var p = 0; p < ThresholdSearch.Grid.Length; p++)
            {
                var t = search.Measure(a, p);
                foreach (var cap in curve.Keys)
                    if (t.Within(cap, 0.06, 0.03)) curve[cap] = Math.Max(curve[cap], t.DirectShare);
            }
        _log.WriteLine("calibrate: out of fold, most answered at once with at most this share wrong (did-you-mean <= 6%, out of scope shown <= 3%): "
            + string.Join(", ", curve.Select(c => $"{c.Key:0.000} -> {c.Value:0.000}")));
        var (sampleAnswer, samplePlausible, _) = search.Best();
        var (answer, plausible) = search.MedianOfResamples();
        var chosen = search.Measure(answer, plausible);
        var best = (T: Untuned with { Answer = ThresholdSearch.Grid[answer], Plausible = ThresholdSearch.Grid[plausible] }, Feasible: chosen.Within(ThresholdSearch.WrongLimit, ThresholdSearch.ClarifyLimit, ThresholdSearch.OodShownLimit));
        _log.WriteLine($"calibrate: answer from {best.T.Answer:0.000}, did-you-mean when two reach {best.T.Plausible:0.000} (the median of the best settings of 50 resamples; "
            + $"this sample's own best {ThresholdSearch.Grid[sampleAnswer]:0.000} / {ThresholdSearch.Grid[samplePlausible]:0.000}); out of fold: {chosen.DirectShare:0.000} answered at once, "
            + $"{chosen.Wrong / chosen.Judged:0.000} wrong, {chosen.Clarify / Math.Max(1, chosen.InScope):0.000} did-you-mean, {chosen.OodShown / Math.Max(1, chosen.Ood):0.000} out of scope shown"
            + (best.Feasible ? "" : " (outside the limits)"));
        // The same setting set by set: a writer whose questions fare worse than the pooled figure says is
        // where the next labelled questions are most needed.
        foreach (var set in rows.Select(r => r.Set).Distinct())
        {
            var t = search.Measure(answer, plausible, rows.Select(r => r.Set == set ? 1 : 0).ToArray());
            if (t.Judged > 0)
                _log.WriteLine($"calibrate:   out of fold in {set}: {t.DirectShare:0.000} answered at once, {t.Wrong / t.Judged:0.000} wrong, {t.Clarify / Math.Max(1, t.InScope):0.000} did-you-mean, "
                    + (t.Ood > 0 ? $"{t.OodShown / t.Ood:0.000} of {t.Ood:0} out of scope shown" : "no out-of-scope questions"));
        }
        // Further claims: a model on each question's other candidates (fitted on the other folds), then its threshold.
        var ids2 = ids;
        var further = ranked.Where(x => x.Ranked.Count > 1 && Good(x.Row.Case).Contains(ids2[x.Ranked[0].Claim]))
            .Select(x => (x.Row, Candidates: _hybrid.FurtherCandidates(x.Row.Reading, x.Ranked, x.Model)
                .Select(c => (c.Features, Right: Good(x.Row.Case).Contains(ids2[c.Claim.Claim]))).ToList()))
            .ToList();
        var extraModels = Enumerable.Range(0, Folds).Select(k =>
        {
            var train = further.Where(o => o.Row.Fold != k).SelectMany(o => o.Candidates).ToList();
            return train.Count > 0 && train.Any(c => c.Right) ? LogisticRegression.Fit(train.Select(c => c.Features).ToList(), train.Select(c => c.Right).ToList()) : null;
        }).ToArray();
        var scored = further.Select(f => (f.Row, P: f.Candidates.Select(c => (extraModels[f.Row.Fold]?.Probability(c.Features) ?? 0, c.Right)).OrderByDescending(c => c.Item1).Take(_engine.MaxClaims - 1).ToList())).ToList();
        var extra = (Cost: double.MaxValue, T: best.T);
        foreach (var threshold in Enumerable.Range(1, 99).Select(i => i / 100.0).Append(1.0))
        {
            var cost = scored.Sum(s =>
            {
                var added = s.P.Where(c => c.Item1 >= threshold).ToList();
                var wrongExtra = added.Count(c => !c.Right);
                var missed = s.Row.Case.Kind == "multi" ? Math.Max(0, s.Row.Case.Expect.Count - 1 - added.Count(c => c.Right)) : 0;
                return wrongExtra + missed;
            });
            if (cost < extra.Cost) extra = (cost, best.T with { Further = threshold });
        }
        _furtherRows = further.SelectMany(f => f.Candidates).ToList();
        _log.WriteLine($"calibrate: further claims from {extra.T.Further:0.00} (out of fold: {scored.Sum(s => s.P.Count(c => c.Item1 >= extra.T.Further && c.Right))} right, {scored.Sum(s => s.P.Count(c => c.Item1 >= extra.T.Further && !c.Right))} wrong over {scored.Count} answered questions)");
        return extra.T;
    }

    /// <summary>The further-claim rows of every answered training question (out-of-fold features), for the final fit.</summary>
    private List<(double[] Features, bool Right)> _furtherRows = [];

    private static HashSet<string> Good(EvalCase c) =>
        InScope.Contains(c.Kind) ? c.Expect.Concat(c.Accept).ToHashSet(StringComparer.Ordinal) : [];

    // Further claims: a missed claim of a multi question, or a claim nobody asked about, each cost one.
    private static double ExtraCost(Row row, HybridOutcome outcome)
    {
        if (outcome.Confidence != MatchConfidence.High) return 0;
        var good = row.Case.Expect.Concat(row.Case.Accept).ToHashSet(StringComparer.Ordinal);
        var ids = outcome.Matches.Select(m => m.Claim.Id).ToList();
        var wrongExtra = ids.Skip(1).Count(id => !good.Contains(id));
        var missed = row.Case.Kind == "multi" ? row.Case.Expect.Count(e => !ids.Contains(e)) : 0;
        return wrongExtra + missed;
    }
}
