using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microneedling.FactCheck.Diagnostics;

/// <summary>
/// The engine's traces and metrics, as plain <see cref="System.Diagnostics"/> types so the engine
/// stays free of any host: a host (or a test) listens to the meter and activity source named
/// <see cref="Name"/>. Nothing here ever carries the message text — only claim ids, levels and
/// counts, which come from the curated content, not from the person.
/// </summary>
public static class FactCheckTelemetry
{
    /// <summary>The name of both the <see cref="Meter"/> and the <see cref="ActivitySource"/>.</summary>
    public const string Name = "Microneedling.FactCheck";

    /// <summary>The span around one <see cref="FactChecker.Check"/>.</summary>
    public const string CheckActivityName = "factcheck.check";

    /// <summary>Tag: the matcher's confidence, <c>none</c>, <c>medium</c> or <c>high</c>.</summary>
    public const string ConfidenceTag = "factcheck.confidence";

    /// <summary>Tag: a matched claim's id (from the claim set, never from the message).</summary>
    public const string ClaimIdTag = "factcheck.claim.id";

    /// <summary>Tag: the red-flag triage level, <c>urgent</c> or <c>emergency</c>.</summary>
    public const string TriageLevelTag = "factcheck.triage.level";

    private static readonly Meter Meter = new(Name);

    /// <summary>The source of the <see cref="CheckActivityName"/> spans.</summary>
    public static ActivitySource Source { get; } = new(Name);

    private static readonly Counter<long> Checks = Meter.CreateCounter<long>(
        "factcheck.checks", "{check}", "Messages fact-checked, by matcher confidence.");

    private static readonly Counter<long> MatchedClaims = Meter.CreateCounter<long>(
        "factcheck.claim.matches", "{claim}", "Claims given as an answer, by claim id.");

    private static readonly Counter<long> Abstentions = Meter.CreateCounter<long>(
        "factcheck.abstentions", "{check}", "Checks that matched no claim (out of scope or unclear).");

    private static readonly Counter<long> RedFlags = Meter.CreateCounter<long>(
        "factcheck.red_flags", "{check}", "Checks whose triage found a red flag, by level.");

    // A check takes microseconds, so the default buckets (0, 5, 10 ... ms) would put them all in one.
    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "factcheck.check.duration", "ms", "Time to fact-check one message.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100] });

    /// <summary>A start time for <see cref="RecordCheck"/>, or 0 (skipping the clock read) when no one listens to the duration.</summary>
    internal static long Timestamp() => Duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Starts the check span; <see langword="null"/> (and free) when nobody listens.</summary>
    internal static Activity? StartCheck() => Source.HasListeners() ? Source.StartActivity(CheckActivityName) : null;

    /// <summary>
    /// Records one finished check on the span and the instruments. Each instrument is checked for a
    /// listener before its tags are built, so with telemetry off this costs a few field reads.
    /// </summary>
    internal static void RecordCheck(FactCheckResult result, Activity? activity, long startedTimestamp)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ConfidenceTag, ConfidenceName(result.Confidence));
            activity.SetTag("factcheck.abstained", result.Abstained);
            activity.SetTag("factcheck.claim.count", result.Matches.Count);
            if (!result.Abstained) activity.SetTag("factcheck.claim.ids", string.Join(',', result.Matches.Select(m => m.Claim.Id)));
            if (result.Triage.Level != ReferralLevel.None) activity.SetTag(TriageLevelTag, result.Triage.Level.ToName());
        }

        if (Checks.Enabled) Checks.Add(1, new KeyValuePair<string, object?>(ConfidenceTag, ConfidenceName(result.Confidence)));
        if (MatchedClaims.Enabled)
        {
            foreach (var match in result.Matches)
                MatchedClaims.Add(1, new KeyValuePair<string, object?>(ClaimIdTag, match.Claim.Id));
        }
        if (result.Abstained && Abstentions.Enabled) Abstentions.Add(1);
        if (result.Triage.Level != ReferralLevel.None && RedFlags.Enabled)
            RedFlags.Add(1, new KeyValuePair<string, object?>(TriageLevelTag, result.Triage.Level.ToName()));
        if (startedTimestamp != 0 && Duration.Enabled) Duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
    }

    private static string ConfidenceName(MatchConfidence confidence) => confidence switch
    {
        MatchConfidence.High => "high",
        MatchConfidence.Medium => "medium",
        _ => "none",
    };
}
