namespace Microneedling.DirectLine.Tokens;

/// <summary>Which credential a token is; one can never be used as the other.</summary>
internal enum DirectLineTokenPurpose
{
    Conversation,
    Stream,
}
