using System.ComponentModel.DataAnnotations;

namespace Microneedling.DirectLine;

/// <summary>
/// Settings of the built-in Direct Line 3.0 endpoint and of the page's token endpoint, bound from
/// the <c>DirectLine</c> configuration section. Defaults follow the Azure service where it documents
/// a value (30-minute tokens, 15-second bot timeout) and are otherwise chosen to keep one small host safe.
/// </summary>
public sealed class DirectLineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>The Azure Direct Line REST base used in Azure mode.</summary>
    public const string DefaultEndpoint = "https://directline.botframework.com/v3/directline";

    /// <summary>
    /// Key that signs tokens (at least 32 characters). When empty, a random key is generated on the
    /// first run and kept in the bot's storage, so tokens survive a restart.
    /// </summary>
    public string? TokenKey { get; set; }

    /// <summary>
    /// An Azure Direct Line secret. When set, <c>POST /api/directline/token</c> exchanges it at
    /// <see cref="Endpoint"/> (Azure mode) instead of issuing a local token; it never reaches the browser.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>The Azure Direct Line REST base (Azure mode only).</summary>
    [Required]
    public Uri Endpoint { get; set; } = new(DefaultEndpoint);

    /// <summary>How long the Azure token exchange may take before the page gets 502 (Azure mode only).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan AzureTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Optional secret for the built-in service, for server-to-server callers of
    /// <c>/v3/directline/tokens/generate</c> and <c>POST /v3/directline/conversations</c>. Empty: only tokens work.
    /// </summary>
    public string? LocalSecret { get; set; }

    /// <summary>Lifetime of a conversation token (the service's 1800 s; DirectLineJS refreshes at half of it).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a <c>streamUrl</c> may wait before it is opened (the service's 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A conversation with no activity for this long is deleted; its tokens then get 404.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A conversation quiet for this long (no stream, no turn) leaves the in-memory cache; it stays in
    /// storage and is loaded again when used.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan UnloadAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Bytes of transcripts kept in memory at most; beyond it the least recently used conversations not
    /// in use are unloaded first (they stay in storage).
    /// </summary>
    [Range(1024d * 1024, 1024d * 1024 * 1024 * 1024)]
    public long MaxLoadedTranscriptBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often idle conversations are looked for in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Conversations kept at once. At the cap, starting one more evicts the least recently used idle
    /// conversation; only when none is idle is the start answered 429.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 1000;

    /// <summary>
    /// Conversations one client address may start within <see cref="ConversationIdleTimeout"/>, so one
    /// client cannot take every place under <see cref="MaxConversations"/> (callers with the local secret are exempt).
    /// Sized for a shared address: everyone behind one office, school or mobile-carrier NAT counts as one
    /// client (the former 20 an hour left an office's page on "Connecting…"). A reload or a tab opened from
    /// the page resumes its conversation and does not count; 300 of the default 1,000 places leaves room for others.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConversationsPerClient { get; set; } = 300;

    /// <summary>
    /// A conversation that never got a user message is deleted after this much quiet (opened and abandoned
    /// pages, or a client filling places); a longer value than <see cref="ConversationIdleTimeout"/> has no effect.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "30.00:00:00")]
    public TimeSpan UnusedConversationIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Activities kept per conversation; older ones are dropped (watermarks keep growing).</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>
    /// The most bytes of activities kept per stored transcript; older ones are dropped first. The whole
    /// transcript is one storage item, and SQLite storage refuses items over 1 MB.
    /// </summary>
    [Range(16 * 1024, 900 * 1024)]
    public int MaxTranscriptBytes { get; set; } = 512 * 1024;

    /// <summary>The largest posted activity in bytes (at most half of <see cref="MaxTranscriptBytes"/>); larger ones are answered 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Requests one token may make in a burst before 429.</summary>
    [Range(1, 100_000)]
    public int RateLimitBurst { get; set; } = 30;

    /// <summary>Requests per second one token regains after a burst (polling uses one per second).</summary>
    [Range(0.01, 10_000)]
    public double RateLimitPerSecond { get; set; } = 5;

    /// <summary>How long the bot may take over one turn before the post is answered 502 BotTimeout (the service's 15 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BotTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle WebSocket stream gets an empty keep-alive frame.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>WebSocket streams open at once per conversation; opening one more closes the oldest.</summary>
    [Range(1, 100)]
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>The most activities sent in one ActivitySet (a GET page or one stream frame).</summary>
    [Range(1, 10_000)]
    public int MaxActivitiesPerSet { get; set; } = 100;

    /// <summary>
    /// Origins of pages hosted elsewhere that may call the endpoint from a browser (CORS; "*" for any).
    /// Empty (default): only pages served by this host, which need no CORS.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>The bot's account on the Direct Line channel (the <c>from</c> of its replies).</summary>
    [Required]
    public string BotId { get; set; } = "microneedling-bot";

    /// <summary>The bot's display name.</summary>
    public string BotName { get; set; } = "Microneedling fact-check";
}
