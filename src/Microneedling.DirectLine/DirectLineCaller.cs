using Microneedling.DirectLine.Tokens;

namespace Microneedling.DirectLine;

/// <summary>
/// Who is calling: the holder of a conversation token, or (with <see cref="Token"/> null) a
/// server-side caller with the local secret, which may use any conversation as on the service.
/// </summary>
internal sealed record DirectLineCaller(DirectLineToken? Token, string Credential)
{
    public bool IsSecret => Token is null;

    /// <summary>A token works for its own conversation only (so A's token on B is refused with 403).</summary>
    public bool MayUse(string conversationId) => Token is null || string.Equals(Token.ConversationId, conversationId, StringComparison.Ordinal);
}
