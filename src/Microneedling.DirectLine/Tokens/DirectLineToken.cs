namespace Microneedling.DirectLine.Tokens;

/// <summary>What a valid token grants: one conversation, one user, until <see cref="ExpiresAt"/>.</summary>
/// <param name="ConversationId">The only conversation the token may read or post to.</param>
/// <param name="UserId">The user every activity posted with the token is sent as.</param>
/// <param name="Purpose">Conversation token (REST) or stream credential (the <c>t=</c> of a streamUrl).</param>
/// <param name="ExpiresAt">When the token stops working.</param>
/// <param name="StreamUntil">
/// Stream credentials only: when the conversation token the streamUrl was issued with expires; the
/// socket is closed then, and the client reconnects with its refreshed token.
/// </param>
internal sealed record DirectLineToken(string ConversationId, string UserId, DirectLineTokenPurpose Purpose, DateTimeOffset ExpiresAt, DateTimeOffset? StreamUntil = null)
{
    /// <summary>Key of the caller for rate limiting: refreshed tokens of one conversation share it.</summary>
    public string Subject => ConversationId + "|" + UserId;
}
