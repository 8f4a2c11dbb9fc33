namespace Microneedling.DirectLine.Conversations;

/// <summary>What starting a conversation did: the service answers 201 for new, 200 for already started.</summary>
internal enum StartOutcome
{
    Created,
    Existing,
    Full,
}
