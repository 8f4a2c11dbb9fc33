namespace Microneedling.DirectLine.Conversations;

/// <summary>What starting a conversation did: the service answers 201 for new, 200 for already started; 429 for the last two.</summary>
internal enum StartOutcome
{
    Created,
    Existing,
    Full,

    /// <summary>The client started its quota of conversations within the idle window.</summary>
    ClientQuota,

    /// <summary>The token's conversation was deleted (expired or evicted): 404, never started again.</summary>
    Gone,
}
