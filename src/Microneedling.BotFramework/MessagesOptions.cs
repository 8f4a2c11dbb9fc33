using System.ComponentModel.DataAnnotations;

namespace Microneedling.BotFramework;

/// <summary>
/// Limits of the messaging endpoint and its turns, bound from the <c>Messages</c> configuration
/// section and validated at start-up. One option per limit.
/// </summary>
public sealed class MessagesOptions
{
    public const string SectionName = "Messages";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The longest channelId, conversation.id and from.id accepted, in characters; longer ones get 400.
    /// Any accepted length fits the stores (long keys are hashed, <c>StoredJson.StoredKey</c>).
    /// </summary>
    [Range(16, 4096)]
    public int MaxIdLength { get; set; } = 512;

    /// <summary>How long a turn's answer is kept to answer a re-delivery of the same activity.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RedeliveryWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Memory for turn answers kept for re-deliveries (one process, SQLite or memory store; on Redis they
    /// are kept there), in MiB. Sized in bytes, not answers: an answer with its cards is 10-30 KB, and
    /// ten thousand of them were most of the host's memory under load. 48 MiB keeps a few thousand,
    /// minutes of a busy site's turns, well over the 15 s after which Teams re-delivers.
    /// </summary>
    [Range(1, 4096)]
    public int RecentTurnsMegabytes { get; set; } = 48;

    /// <summary>How long a request waits for its conversation's previous turn before it is answered 429.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TurnLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With Redis: how long a conversation's turn lease lasts without renewal. The holder renews it
    /// while the turn runs; an instance that dies mid-turn blocks the conversation at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TurnLeaseTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a Connector call that failed with 429, 5xx or a network error.</summary>
    [Range(0, 5)]
    public int ConnectorRetries { get; set; } = 2;

    /// <summary>How long one Connector attempt may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan ConnectorAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most a Connector call waits before a retry (a longer Retry-After is not waited for).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan ConnectorMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
