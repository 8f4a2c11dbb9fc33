using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Microneedling.BotFramework.Turns;

/// <summary>
/// The answers of recent turns by channel, conversation and activity id, so a re-delivered activity
/// (Teams re-sends after 15 s without an answer; clients retry) runs once: the re-delivery gets the
/// first answer again — for expectReplies the same replies — and the bot does not answer twice or
/// count a vote twice. Keys are hashes (the ids are client input), the cache is bounded in bytes
/// (<see cref="MessagesOptions.RecentTurnsMegabytes"/>): when it is full the least recently used go first.
/// Checked and filled under the conversation's turn lock, so a re-delivery that arrives while the
/// first is still running waits for it and then gets its answer.
/// </summary>
public sealed class RecentTurns(IOptions<MessagesOptions> options) : IRecentTurns, IDisposable
{
    // An entry's key, its object and the cache's bookkeeping, besides the answer's text (UTF-16).
    private const int EntryOverheadBytes = 512;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions
    {
        SizeLimit = options.Value.RecentTurnsMegabytes * 1024L * 1024L,
        // When full, make room for a tenth at once rather than refuse new answers one by one.
        CompactionPercentage = 0.10,
    });

    /// <summary>The answer kept for <paramref name="activity"/>, if it ran within the window.</summary>
    public TurnAnswer? Find(Activity activity) =>
        KeyOf(activity) is { } key && _answers.TryGetValue(key, out TurnAnswer? answer) ? answer : null;

    /// <summary>Keeps the answer of a turn that ran to the end (failed turns are not kept: a retry runs again).</summary>
    public void Remember(Activity activity, TurnAnswer answer)
    {
        if (KeyOf(activity) is not { } key) return;
        var size = EntryOverheadBytes + 2L * (answer.Json?.Length ?? 0);
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = options.Value.RedeliveryWindow });
    }

    public Task<TurnAnswer?> FindAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(Find(activity));

    public Task RememberAsync(Activity activity, TurnAnswer answer, CancellationToken cancellationToken)
    {
        Remember(activity, answer);
        return Task.CompletedTask;
    }

    public void Dispose() => _answers.Dispose();

    /// <summary>The key of an activity's answer: a hash of channel, conversation and activity id (null without an id).</summary>
    // Activities without an id (some test clients) cannot be told apart from a new message: never deduplicated.
    internal static string? KeyOf(Activity activity) =>
        string.IsNullOrEmpty(activity.Id)
            ? null
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{activity.ChannelId}\0{activity.Conversation?.Id}\0{activity.Id}")));
}

/// <summary>What /api/messages answered for a turn: the status and the JSON body (null: none).</summary>
public sealed record TurnAnswer(int Status, string? Json);
