using Newtonsoft.Json;

namespace Microneedling.Dialogs.State;

/// <summary>
/// What the bot keeps per conversation, read and written through the SDK's
/// <c>ConversationState.CreateProperty&lt;ConversationData&gt;</c> accessor (Newtonsoft, as the SDK
/// serialises state) and saved with the store's ETag: the did-you-mean prompt waiting (if any), the
/// claims of the last answer (for "sources") and a turn count. No message text is kept except a
/// did-you-mean question while its prompt waits.
/// </summary>
public sealed class ConversationData
{
    /// <summary>The accessor's property name in the conversation state.</summary>
    public const string PropertyName = "conversationData";

    /// <summary>The dialog stack: at most the one prompt waiting for an answer.</summary>
    [JsonProperty("dialogStack")]
    public List<PromptFrame> DialogStack { get; set; } = [];

    /// <summary>The ids of the claims answered last, best first.</summary>
    [JsonProperty("lastClaims")]
    public List<string> LastClaimIds { get; set; } = [];

    /// <summary>Turns counted (also makes every turn a state write, which the ETag then guards).</summary>
    [JsonProperty("turns")]
    public int Turns { get; set; }

    /// <summary>Whether this conversation got its welcome (Teams sends an install both as conversationUpdate and installationUpdate).</summary>
    [JsonProperty("welcomed", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public bool Welcomed { get; set; }

    /// <summary>
    /// The curators' record each claim's vote in this conversation was counted in (claim id -> record key,
    /// a hash; at most <see cref="MaxVotesKept"/>), so a changed vote replaces the old one.
    /// </summary>
    [JsonProperty("votes", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public Dictionary<string, string>? Votes { get; set; }

    /// <summary>Votes remembered per conversation: more claims than one conversation plausibly rates.</summary>
    public const int MaxVotesKept = 50;

    /// <summary>The prompt waiting for an answer, or null.</summary>
    [JsonIgnore]
    public PromptFrame? WaitingPrompt => DialogStack.Count > 0 ? DialogStack[^1] : null;
}
