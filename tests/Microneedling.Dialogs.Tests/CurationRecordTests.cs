using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Tests;

/// <summary>
/// Curator records stay bounded: one record per distinct question or vote with a count, the UTC day
/// instead of the moment, the text cut and cleaned of invisible characters; updates use ETags.
/// </summary>
public sealed class CurationRecordTests : IDisposable
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 25, 23, 59, 58, 123, TimeSpan.FromHours(-5));

    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Asking_the_same_unanswered_question_again_counts_it_in_one_record()
    {
        var flow = _host.Flow();
        await flow
            .Send(Questions.Pizza).SkipReplies()
            .Send(Questions.Pizza).SkipReplies()
            .Send("  What's the BEST   pizza in town?? ").SkipReplies()
            .StartTestAsync();

        var (key, record) = Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix));
        Assert.Equal(UnansweredQuestionLog.KeyFor(Questions.Pizza), key);
        Assert.Equal(3, (int?)record["count"]);
        Assert.Equal(Questions.Pizza, (string?)record["question"]);
        Assert.Equal(3, (int?)record["reasons"]![UnansweredQuestionLog.Reasons.NoMatch]);
        DidYouMeanTests.AssertNoIdentity(record, flow);
    }

    [Fact]
    public async Task Different_questions_get_different_records()
    {
        await _host.Flow()
            .Send(Questions.Pizza).SkipReplies()
            .Send("what's the best pasta in town").SkipReplies()
            .StartTestAsync();

        Assert.Equal(2, (await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix)).Count);
    }

    [Fact]
    public async Task An_unanswered_record_keeps_the_utc_day_not_the_moment()
    {
        var storage = new InMemoryStorage();
        var log = new UnansweredQuestionLog(storage, new FixedTime(Moment));

        var key = await log.RecordAsync("pizza?", UnansweredQuestionLog.Reasons.NoMatch, ["a"], CancellationToken.None);

        var record = (await storage.ReadJsonAsync(key))!;
        Assert.Equal("2026-11-26", (string?)record["firstSeenUtc"]);
        Assert.Equal("2026-11-26", (string?)record["lastSeenUtc"]);
        Assert.Null(record["timestampUtc"]);
        Assert.DoesNotContain(Moment.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeat_on_a_later_day_updates_the_last_day_and_the_count()
    {
        var storage = new InMemoryStorage();
        var time = new FixedTime(Moment);
        var log = new UnansweredQuestionLog(storage, time);
        await log.RecordAsync("pizza?", UnansweredQuestionLog.Reasons.NoMatch, ["a"], CancellationToken.None);
        time.Now = Moment.AddDays(3);

        var key = await log.RecordAsync("pizza", UnansweredQuestionLog.Reasons.NoneOfThese, ["b"], CancellationToken.None);

        var record = (await storage.ReadJsonAsync(key))!;
        Assert.Equal(2, (int?)record["count"]);
        Assert.Equal("2026-11-26", (string?)record["firstSeenUtc"]);
        Assert.Equal("2026-11-29", (string?)record["lastSeenUtc"]);
        Assert.Equal(UnansweredQuestionLog.Reasons.NoneOfThese, (string?)record["reason"]);
        Assert.Equal(1, (int?)record["reasons"]![UnansweredQuestionLog.Reasons.NoMatch]);
        Assert.Equal(1, (int?)record["reasons"]![UnansweredQuestionLog.Reasons.NoneOfThese]);
        Assert.Equal("b", (string?)record["candidates"]![0]);
    }

    [Fact]
    public async Task A_long_question_is_stored_cut_to_the_limit()
    {
        var question = string.Concat(Enumerable.Repeat("pizza ", 1000));
        await _host.Flow().Send(question).SkipReplies().StartTestAsync();

        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix)).Value;
        var stored = (string)record["question"]!;
        Assert.Equal(UnansweredQuestionLog.MaxQuestionLength, stored.Length);
        Assert.StartsWith(stored, question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cutting_never_splits_a_surrogate_pair()
    {
        var storage = new InMemoryStorage();
        var question = new string('a', UnansweredQuestionLog.MaxQuestionLength - 1) + "\U0001F642 more";

        var key = await new UnansweredQuestionLog(storage, TimeProvider.System).RecordAsync(question, UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);

        var stored = (string)(await storage.ReadJsonAsync(key))!["question"]!;
        Assert.Equal(UnansweredQuestionLog.MaxQuestionLength - 1, stored.Length);
        Assert.False(char.IsSurrogate(stored[^1]));
    }

    [Fact]
    public async Task Invisible_characters_never_reach_the_curator_log()
    {
        await _host.Flow()
            .Send("pizza\u202E with\u200B pine\u2066apple\u2069\u2028 tonight\uFEFF")
            .SkipReplies()
            .StartTestAsync();

        var record = Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix)).Value;
        var stored = (string)record["question"]!;
        Assert.Equal("pizza with pineapple  tonight", stored);
    }

    [Fact]
    public async Task A_record_written_by_another_turn_meanwhile_is_counted_on_not_overwritten()
    {
        // Both paths lose a race once: the record is created by someone else between our read and
        // our create-only write, then changed again between our read and our ETag-checked update.
        var storage = new RacingStorage();
        var log = new UnansweredQuestionLog(storage, TimeProvider.System);
        var key = UnansweredQuestionLog.KeyFor("pizza");
        storage.Before = async () =>
        {
            var record = await storage.Inner.ReadJsonAsync(key) ?? new JsonObject { ["question"] = "pizza", ["reason"] = "no-match" };
            record["count"] = ((int?)record["count"] ?? 0) + 5;
            await storage.Inner.WriteJsonAsync(key, record, "*");
        };

        await log.RecordAsync("pizza", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
        Assert.Equal(6, (int?)(await storage.Inner.ReadJsonAsync(key))!["count"]);

        await log.RecordAsync("pizza", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
        Assert.Equal(12, (int?)(await storage.Inner.ReadJsonAsync(key))!["count"]);
    }

    [Fact]
    public async Task Concurrent_askings_of_one_question_are_all_counted()
    {
        var storage = new InMemoryStorage();
        var log = new UnansweredQuestionLog(storage, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            log.RecordAsync("pizza", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None))));

        var key = UnansweredQuestionLog.KeyFor("pizza");
        Assert.Equal(6, (int?)(await storage.ReadJsonAsync(key))!["count"]);
    }

    [Fact]
    public async Task The_same_vote_again_counts_in_one_feedback_record_kept_to_the_day()
    {
        var storage = new InMemoryStorage();
        var feedback = new FeedbackStore(storage, new FixedTime(Moment));

        var first = await feedback.RecordAsync("home-frequency", "helpful", null, "webchat", CancellationToken.None);
        var second = await feedback.RecordAsync("home-frequency", "helpful", "  ", "webchat", CancellationToken.None);
        var other = await feedback.RecordAsync("home-frequency", "not-helpful", null, "webchat", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        var record = (await storage.ReadJsonAsync(first))!;
        Assert.Equal(2, (int?)record["count"]);
        Assert.Equal("2026-11-26", (string?)record["firstSeenUtc"]);
        Assert.Null(record["timestampUtc"]);
        Assert.Null(record["comment"]);
    }

    [Fact]
    public async Task A_feedback_comment_is_cleaned_and_cut()
    {
        var storage = new InMemoryStorage();
        var key = await new FeedbackStore(storage, TimeProvider.System).RecordAsync(
            "home-frequency", "helpful", "nice\u202E" + new string('x', 2000), "webchat", CancellationToken.None);

        var comment = (string)(await storage.ReadJsonAsync(key))!["comment"]!;
        Assert.Equal(FeedbackStore.MaxCommentLength, comment.Length);
        Assert.StartsWith("nicexxx", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feedback_record_created_by_another_turn_meanwhile_is_not_overwritten()
    {
        var storage = new RacingStorage();
        var feedback = new FeedbackStore(storage, TimeProvider.System);
        var fired = false;
        string? key = null;
        storage.Before = async () =>
        {
            if (fired) return;
            fired = true;
            // Someone else records the same vote first.
            key = await new FeedbackStore(storage.Inner, TimeProvider.System).RecordAsync("home-frequency", "helpful", null, "webchat", CancellationToken.None);
        };

        var ours = await feedback.RecordAsync("home-frequency", "helpful", null, "webchat", CancellationToken.None);

        Assert.Equal(key, ours);
        Assert.Equal(2, (int?)(await storage.Inner.ReadJsonAsync(ours))!["count"]);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// Runs <see cref="Before"/> before every other write (the 1st, 3rd...): another writer getting in
    /// between a read and the write that follows it, so that write must fail and be retried.
    /// </summary>
    private sealed class RacingStorage : IStorage
    {
        private int _writes;

        public InMemoryStorage Inner { get; } = new();

        public Func<Task>? Before { get; set; }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            if (++_writes % 2 == 1 && Before is { } before) await before();
            await Inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => Inner.DeleteAsync(keys, cancellationToken);
    }
}
