using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microneedling.DirectLine.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tests;

/// <summary>What survives a restart: transcripts, watermarks, the conversation cap and the signing key (all in IStorage).</summary>
public sealed class PersistenceTests
{
    private readonly InMemoryStorage _storage = new();
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task Transcript_and_watermark_survive_a_restart()
    {
        using (var before = NewStore())
        {
            var (conversation, outcome) = await before.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);
            Assert.Equal(StartOutcome.Created, outcome);
            await before.AppendAsync(conversation!, new Activity { Type = "message", Text = "one" }, CancellationToken.None);
            await before.AppendAsync(conversation!, new Activity { Type = "message", Text = "two" }, CancellationToken.None);
        }

        using var after = NewStore();
        var restored = await after.FindAsync("conv-1", CancellationToken.None);

        Assert.NotNull(restored);
        Assert.Equal("dl_u", restored.UserId);
        Assert.Contains("\"two\"", restored.ReadAfter(1, 100, includeTyping: true).Json, StringComparison.Ordinal);
        var id = await after.AppendAsync(restored, new Activity { Type = "message", Text = "three" }, CancellationToken.None);
        Assert.Equal("conv-1|0000003", id);
    }

    [Fact]
    public async Task Conversation_cap_counts_conversations_started_before_a_restart()
    {
        using (var before = NewStore(max: 1))
        {
            await before.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);
        }

        using var after = NewStore(max: 1);
        var (_, outcome) = await after.StartAsync("conv-2", "dl_v", client: null, CancellationToken.None);

        Assert.Equal(StartOutcome.Full, outcome);
    }

    [Fact]
    public async Task Sweep_deletes_idle_conversations_from_storage()
    {
        using var store = NewStore();
        await store.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, await store.SweepAsync(CancellationToken.None));

        var left = await _storage.ReadAsync([DirectLineConversationStore.TranscriptKeyPrefix + "conv-1"]);
        Assert.Empty(left);
    }

    [Fact]
    public async Task Sweep_after_a_restart_keeps_active_conversations_stored_and_deletes_idle_ones()
    {
        using (var before = NewStore())
        {
            await before.StartAsync("idle", "dl_u", client: null, CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(50));
            await before.StartAsync("active", "dl_v", client: null, CancellationToken.None);
        }
        _clock.Advance(TimeSpan.FromMinutes(20));

        using var after = NewStore();
        Assert.Equal(1, await after.SweepAsync(CancellationToken.None));

        Assert.Null(await after.FindAsync("idle", CancellationToken.None));
        Assert.NotNull(await after.FindAsync("active", CancellationToken.None));
    }

    [Fact]
    public async Task Deleted_conversation_is_not_started_again_after_a_restart()
    {
        using (var before = NewStore())
        {
            await before.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);
            _clock.Advance(TimeSpan.FromHours(2));
            await before.SweepAsync(CancellationToken.None);
        }

        using var after = NewStore();
        var (conversation, outcome) = await after.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);

        Assert.Equal(StartOutcome.Gone, outcome);
        Assert.Null(conversation);
    }

    [Fact]
    public async Task Generated_signing_key_is_kept_in_storage_and_reused_by_the_next_run()
    {
        var options = Options.Create(new DirectLineOptions());
        using var first = new DirectLineSigningKey(_storage, options);
        using var second = new DirectLineSigningKey(_storage, options);

        var token = await new DirectLineTokenService(first, options, _clock).IssueAsync("c", "u", CancellationToken.None);
        var (validated, failure) = await new DirectLineTokenService(second, options, _clock).ValidateAsync(token, DirectLineTokenPurpose.Conversation, CancellationToken.None);

        Assert.Equal(TokenValidationFailure.None, failure);
        Assert.Equal("c", validated!.ConversationId);
        Assert.NotEmpty(await _storage.ReadAsync([DirectLineSigningKey.StorageKey]));
    }

    [Fact]
    public async Task Key_created_by_another_process_meanwhile_is_kept_and_adopted()
    {
        var options = Options.Create(new DirectLineOptions());
        using var winner = new DirectLineSigningKey(_storage, options);
        var winnerToken = await new DirectLineTokenService(winner, options, _clock).IssueAsync("c", "u", CancellationToken.None);
        var stored = (await _storage.ReadAsync([DirectLineSigningKey.StorageKey]))[DirectLineSigningKey.StorageKey].ToString();
        // The loser read before the winner wrote: it saw no key and creates one.
        using var loser = new DirectLineSigningKey(new FirstReadMisses(_storage), options);

        var (validated, failure) = await new DirectLineTokenService(loser, options, _clock).ValidateAsync(winnerToken, DirectLineTokenPurpose.Conversation, CancellationToken.None);

        Assert.Equal(TokenValidationFailure.None, failure);
        Assert.Equal("c", validated!.ConversationId);
        Assert.Equal(stored, (await _storage.ReadAsync([DirectLineSigningKey.StorageKey]))[DirectLineSigningKey.StorageKey].ToString());
    }

    [Fact]
    public async Task Configured_token_key_is_used_instead_of_a_generated_one()
    {
        var keyA = Options.Create(new DirectLineOptions { TokenKey = new string('a', 32) });
        var keyB = Options.Create(new DirectLineOptions { TokenKey = new string('b', 32) });
        using var a = new DirectLineSigningKey(_storage, keyA);
        using var b = new DirectLineSigningKey(_storage, keyB);

        var token = await new DirectLineTokenService(a, keyA, _clock).IssueAsync("c", "u", CancellationToken.None);
        var (_, failure) = await new DirectLineTokenService(b, keyB, _clock).ValidateAsync(token, DirectLineTokenPurpose.Conversation, CancellationToken.None);

        Assert.Equal(TokenValidationFailure.Invalid, failure);
        Assert.Empty(await _storage.ReadAsync([DirectLineSigningKey.StorageKey]));
    }

    private DirectLineConversationStore NewStore(int max = 100) =>
        new(_storage, Options.Create(new DirectLineOptions { MaxConversations = max, UnusedConversationIdleTimeout = TimeSpan.FromHours(1) }), _clock, NullLogger<DirectLineConversationStore>.Instance);

    /// <summary>Storage whose first read finds nothing, as a read that happened just before another process's write.</summary>
    private sealed class FirstReadMisses(IStorage inner) : IStorage
    {
        private int _reads;

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _reads) == 1
                ? Task.FromResult<IDictionary<string, object>>(new Dictionary<string, object>())
                : inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
