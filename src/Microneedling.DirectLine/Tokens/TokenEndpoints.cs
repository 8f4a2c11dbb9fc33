using Microneedling.DirectLine.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tokens;

/// <summary><c>POST /tokens/generate</c> (local secret) and <c>POST /tokens/refresh</c> (token), §4.2 #1–2.</summary>
internal static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapPost("/tokens/generate", GenerateAsync);
        group.MapPost("/tokens/refresh", RefreshAsync);
    }

    private static async Task<IResult> GenerateAsync(HttpContext http, DirectLineAuthenticator auth, DirectLineTokenService tokens, IOptions<DirectLineOptions> options)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        // Only the secret mints tokens for new conversations; a token holder refreshes instead.
        if (!caller.IsSecret) return DirectLineErrors.InvalidToken();
        var (parameters, bodyError) = await DirectLineRequestBody.ReadAsync<TokenParameters>(http.Request, options.Value.MaxActivityBytes, optional: true).ConfigureAwait(false);
        if (bodyError is not null) return bodyError;
        var userId = parameters?.User?.Id is { Length: > 0 } id ? id : DirectLineIds.NewUserId();
        var conversationId = DirectLineIds.NewConversationId();
        var token = await tokens.IssueAsync(conversationId, userId, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new TokenResponse(conversationId, token, (int)tokens.Lifetime.TotalSeconds), DirectLineJson.Options);
    }

    private static async Task<IResult> RefreshAsync(HttpContext http, DirectLineAuthenticator auth, DirectLineTokenService tokens, DirectLineConversationStore store)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        if (caller.Token is not { } current) return DirectLineErrors.BadArgument("A secret cannot be refreshed; generate a token instead.");
        // A deleted (expired) conversation's token is not extended: its holder must start a new one.
        // A page token whose conversation is not started yet refreshes as before.
        if (await store.IsDeletedAsync(current.ConversationId, http.RequestAborted).ConfigureAwait(false))
            return DirectLineErrors.ConversationNotFound();
        // Same conversation and user: DirectLineJS keeps its conversation across refreshes (§6.2 #17).
        var token = await tokens.IssueAsync(current.ConversationId, current.UserId, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new TokenResponse(current.ConversationId, token, (int)tokens.Lifetime.TotalSeconds), DirectLineJson.Options);
    }
}
