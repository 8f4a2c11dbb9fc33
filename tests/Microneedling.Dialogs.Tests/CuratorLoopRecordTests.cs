using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Tests;

/// <summary>The records of the curator's loop: did-you-mean picks, the channel kind on votes, retention.</summary>
public sealed class CuratorLoopRecordTests : IDisposable
{
    private readonly DialogTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static IReadOnlyList<string> TopCandidateIds =>
        DialogTestHost.Engine.Check(Questions.Vague).Candidates.Select(c => c.Claim.Id).ToList();

    [Fact]
    public async Task A_did_you_mean_pick_records_the_question_and_the_chosen_claim_once_with_a_count()
    {
        var second = TopCandidateIds[1];
        var pick = new JsonObject { ["action"] = CardActionValue.Pick, ["claimId"] = second };
        var flow = _host.Flow();
        await flow
            .Send(Questions.Vague).SkipReplies()
            .SendValue(pick.DeepClone()).SkipReplies()
            .Send(Questions.Vague).SkipReplies()
            .SendValue(pick.DeepClone()).SkipReplies()
            .StartTestAsync();

        var (key, record) = Assert.Single(await _host.Storage.ReadPrefixAsync(DidYouMeanPickLog.Prefix));
        Assert.Equal(DidYouMeanPickLog.KeyFor(Questions.Vague, second), key);
        Assert.Equal(Questions.Vague, (string?)record["question"]);
        Assert.Equal(second, (string?)record["claimId"]);
        Assert.Equal(2, (int?)record["count"]);
        DidYouMeanTests.AssertNoIdentity(record, flow);
    }

    [Fact]
    public async Task None_of_these_records_no_pick()
    {
        await _host.Flow()
            .Send(Questions.Vague).SkipReplies()
            .SendValue(new JsonObject { ["action"] = CardActionValue.NoneOfThese }).SkipReplies()
            .StartTestAsync();

        Assert.Empty(await _host.Storage.ReadPrefixAsync(DidYouMeanPickLog.Prefix));
        Assert.Single(await _host.Storage.ReadPrefixAsync(UnansweredQuestionLog.Prefix));
    }

    [Theory]
    [InlineData("msteams", "msteams")]
    [InlineData("webchat", "webchat")]
    [InlineData("some-new-channel", ChannelKinds.Other)]
    public async Task A_vote_records_the_kind_of_channel_and_nothing_that_identifies(string channelId, string kind)
    {
        var storage = new InMemoryStorage();
        var key = await new FeedbackStore(storage, TimeProvider.System).RecordAsync("home-frequency", CardActionValue.Helpful, "clear", channelId, CancellationToken.None);

        var record = (await storage.ReadJsonAsync(key))!;
        Assert.Equal(kind, (string?)record["channel"]);
        Assert.Equal(["channel", "claimId", "comment", "count", "firstSeenUtc", "lastSeenUtc", "vote"],
            record.Select(p => p.Key).Where(k => k != "eTag").Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Stores() => ["memory", "sqlite"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Records_not_seen_within_the_retention_period_are_deleted_and_recent_ones_kept(string kind)
    {
        using var folder = new TempFolder();
        var storage = kind == "memory" ? (IStorage)new InMemoryStorage() : new SqliteStorage(Path.Combine(folder.Path, "state.db"));
        try
        {
            var then = new MovableTime(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
            var questions = new UnansweredQuestionLog(storage, then);
            var votes = new FeedbackStore(storage, then);
            var picks = new DidYouMeanPickLog(storage, then);
            var old = await questions.RecordAsync("an old question", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
            var oldVote = await votes.RecordAsync("home-frequency", CardActionValue.NotHelpful, null, "webchat", CancellationToken.None);
            var oldPick = await picks.RecordAsync("an old pick", "home-frequency", CancellationToken.None);
            var askedAgain = await questions.RecordAsync("asked again", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
            await storage.WriteAsync(new Dictionary<string, object> { ["conversation/keep-me"] = new Newtonsoft.Json.Linq.JObject { ["x"] = 1 } }, CancellationToken.None);

            then.Now = then.Now.AddDays(85);
            await questions.RecordAsync("asked again", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
            var recent = await questions.RecordAsync("a recent question", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
            then.Now = then.Now.AddDays(10); // 95 days after the old records, 10 after the recent ones

            var deleted = await new CurationRetention(storage, then).PurgeAsync(90, CancellationToken.None);

            Assert.Equal(3, deleted);
            var left = await storage.ReadAsync([old, oldVote, oldPick, askedAgain, recent, "conversation/keep-me"], CancellationToken.None);
            Assert.Equal(new[] { askedAgain, "conversation/keep-me", recent }.Order(StringComparer.Ordinal), left.Keys.Order(StringComparer.Ordinal));
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }

    private sealed class MovableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("retention-").FullName;

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
