using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microneedling.FactCheck.Diagnostics;

namespace Microneedling.FactCheck.Tests;

/// <summary>
/// What the engine's meter and activity source report for one check, heard through the plain
/// System.Diagnostics listeners a host's OpenTelemetry SDK also uses.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class TelemetryTests(EngineFixture fixture)
{
    private readonly FactChecker _engine = fixture.Engine;

    [Fact]
    public void Matched_message_records_a_check_its_claim_id_and_its_duration()
    {
        using var recorder = new TelemetryRecorder();
        var result = recorder.Check(_engine, "is a dermapen ok if I take warfarin");

        Assert.Equal("blood-thinners", result.Matches[0].Claim.Id);
        var check = Assert.Single(recorder.Measurements("factcheck.checks"));
        Assert.Equal(1, check.Value);
        Assert.Equal("high", check.Tags[FactCheckTelemetry.ConfidenceTag]);
        Assert.Contains(recorder.Measurements("factcheck.claim.matches"), m => Equals(m.Tags[FactCheckTelemetry.ClaimIdTag], "blood-thinners"));
        Assert.Empty(recorder.Measurements("factcheck.abstentions"));
        Assert.Empty(recorder.Measurements("factcheck.red_flags"));
        Assert.True(Assert.Single(recorder.Measurements("factcheck.check.duration")).Value > 0);
    }

    [Fact]
    public void Out_of_scope_message_records_an_abstention_and_no_claim()
    {
        using var recorder = new TelemetryRecorder();
        recorder.Check(_engine, "can you recommend a laptop");

        Assert.Equal(1, Assert.Single(recorder.Measurements("factcheck.abstentions")).Value);
        Assert.Equal("none", Assert.Single(recorder.Measurements("factcheck.checks")).Tags[FactCheckTelemetry.ConfidenceTag]);
        Assert.Empty(recorder.Measurements("factcheck.claim.matches"));
    }

    [Theory]
    [InlineData("cant breath after microneedling", "emergency")]
    [InlineData("theres puss coming out of my cheek", "urgent")]
    public void Red_flag_is_counted_with_its_level(string message, string level)
    {
        using var recorder = new TelemetryRecorder();
        recorder.Check(_engine, message);

        var flag = Assert.Single(recorder.Measurements("factcheck.red_flags"));
        Assert.Equal(1, flag.Value);
        Assert.Equal(level, flag.Tags[FactCheckTelemetry.TriageLevelTag]);
    }

    [Fact]
    public void Check_span_carries_the_outcome()
    {
        using var recorder = new TelemetryRecorder();
        recorder.Check(_engine, "my face has pus coming out. also, is 1mm ok at home?");

        var span = Assert.Single(recorder.Activities);
        Assert.Equal(FactCheckTelemetry.CheckActivityName, span.OperationName);
        Assert.Equal(FactCheckTelemetry.Name, span.Source.Name);
        Assert.Equal("urgent", span.GetTagItem(FactCheckTelemetry.TriageLevelTag));
        Assert.Equal(false, span.GetTagItem("factcheck.abstained"));
        Assert.Contains("home-needle-length", (string?)span.GetTagItem("factcheck.claim.ids"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is a dermapen ok if I take warfarin")]
    [InlineData("my face is swelling fast and I can't breathe after numbing cream, was that cream safe?")]
    [InlineData("what's the best pizza in town")]
    [InlineData("acutane and microneedling")]
    public void Tags_hold_only_claim_ids_levels_and_numbers_never_the_message_text(string message)
    {
        using var recorder = new TelemetryRecorder();
        recorder.Check(_engine, message);

        Assert.NotEmpty(recorder.AllMeasurements);
        Assert.NotEmpty(recorder.Activities);
        var values = recorder.AllMeasurements.SelectMany(m => m.Tags.Values)
            .Concat(recorder.Activities.SelectMany(a => a.TagObjects.Select(t => t.Value)))
            .Concat(recorder.Activities.Select(a => (object?)a.DisplayName))
            .ToList();
        // A closed vocabulary: every string is a claim id (from the content), a level or the span name.
        var allowed = _engine.Claims.All.Select(c => c.Id)
            .Concat(["none", "medium", "high", "dermatologist", "urgent", "emergency", FactCheckTelemetry.CheckActivityName])
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(values, value =>
        {
            if (value is not string text)
            {
                Assert.True(value is bool or int or long or double, $"unexpected tag value type {value?.GetType()}");
                return;
            }
            Assert.DoesNotContain(message, text, StringComparison.OrdinalIgnoreCase);
            Assert.All(text.Split(','), part => Assert.Contains(part, allowed));
        });
    }

    /// <summary>
    /// Listens to the engine's meter and source, keeping only what this test's own checks record:
    /// other test classes check messages in parallel on other threads, and the engine records
    /// synchronously on the calling thread, so a flag on the current async flow separates them.
    /// </summary>
    private sealed class TelemetryRecorder : IDisposable
    {
        private static readonly AsyncLocal<TelemetryRecorder?> Current = new();
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _activities;
        private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
        private readonly List<Activity> _stopped = [];

        public TelemetryRecorder()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FactCheckTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            };
            _meters.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
            _meters.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
            _meters.Start();
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == FactCheckTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (Current.Value == this) _stopped.Add(activity);
                },
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public IReadOnlyList<Activity> Activities => _stopped;

        public IReadOnlyList<(string Instrument, double Value, Dictionary<string, object?> Tags)> AllMeasurements => _measurements;

        public IEnumerable<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements(string instrument) =>
            _measurements.Where(m => m.Instrument == instrument);

        public FactCheckResult Check(FactChecker engine, string message)
        {
            Current.Value = this;
            try
            {
                return engine.Check(message);
            }
            finally
            {
                Current.Value = null;
            }
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Current.Value != this) return;
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            _measurements.Add((instrument.Name, value, copy));
        }

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }
    }
}
