using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// What every curator record keeps besides its content: how often that content came in and the
/// UTC days it was first and last seen (never a finer time, never who or where). The ETag is the
/// store's (not written into the stored JSON): a record is created only if nobody created it first
/// and updated only against the version it was read with.
/// </summary>
public abstract class CurationRecord : IStoreItem
{
    [JsonProperty("count")]
    public long Count { get; set; }

    [JsonProperty("firstSeenUtc")]
    public string? FirstSeenUtc { get; set; }

    [JsonProperty("lastSeenUtc")]
    public string? LastSeenUtc { get; set; }

    /// <summary>The UTC day a curator marked the record reviewed (<see cref="CurationReview"/>), or null.</summary>
    [JsonProperty("reviewedUtc", NullValueHandling = NullValueHandling.Ignore)]
    public string? ReviewedUtc { get; set; }

    /// <summary>The record's count when it was marked reviewed, or null.</summary>
    [JsonProperty("reviewedCount", NullValueHandling = NullValueHandling.Ignore)]
    public long? ReviewedCount { get; set; }

    [JsonProperty("eTag", NullValueHandling = NullValueHandling.Ignore)]
    public string? ETag { get; set; }

    /// <summary>
    /// Reviewed, and not asked (picked, voted) again since: a question that keeps coming in after a
    /// curator looked at it is news again, so it returns to the curators' default view.
    /// </summary>
    [JsonIgnore]
    public bool IsReviewed => ReviewedCount is { } reviewed && Math.Max(1, Count) <= reviewed;
}

/// <summary>One distinct vote on an answer: claim, helpful or not, the comment (cleaned, cut) and the kind of channel.</summary>
public sealed class FeedbackRecord : CurationRecord
{
    /// <summary>The kind of channel the vote came from (<see cref="ChannelKinds"/>): never an id of the person or the conversation.</summary>
    [JsonProperty("channel", NullValueHandling = NullValueHandling.Ignore)]
    public string? Channel { get; set; }

    [JsonProperty("claimId")]
    public string ClaimId { get; set; } = "";

    [JsonProperty("vote")]
    public string Vote { get; set; } = "";

    [JsonProperty("comment", NullValueHandling = NullValueHandling.Ignore)]
    public string? Comment { get; set; }
}

/// <summary>One distinct question the bot had no checked answer for, with the latest reason and near-miss claims.</summary>
public sealed class UnansweredRecord : CurationRecord
{
    [JsonProperty("question")]
    public string Question { get; set; } = "";

    [JsonProperty("reason")]
    public string Reason { get; set; } = "";

    /// <summary>How often each reason was the reason.</summary>
    [JsonProperty("reasons")]
    public Dictionary<string, long> Reasons { get; set; } = [];

    [JsonProperty("candidates")]
    public List<string> Candidates { get; set; } = [];
}

/// <summary>
/// One distinct "did you mean" choice: the question as asked and the claim the person picked. Each is
/// a candidate phrasing for that claim, for a curator to promote.
/// </summary>
public sealed class PickRecord : CurationRecord
{
    [JsonProperty("question")]
    public string Question { get; set; } = "";

    [JsonProperty("claimId")]
    public string ClaimId { get; set; } = "";
}
