using Microneedling.DirectLine.Streaming;
using Microneedling.DirectLine.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Conversations;

/// <summary>Start and reconnect (§4.2 #3–4): both answer the conversation, a token and a fresh streamUrl.</summary>
internal static class ConversationEndpoints
{
    public static void MapConversationEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapPost("/conversations", StartAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
    }

    private static async Task<IResult> StartAsync(
        HttpContext http,
        DirectLineAuthenticator auth,
        DirectLineConversationStore store,
        DirectLineTokenService tokens,
        DirectLineTurnRunner runner,
        IOptions<DirectLineOptions> options)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        var (parameters, bodyError) = await DirectLineRequestBody.ReadAsync<TokenParameters>(http.Request, options.Value.MaxActivityBytes, optional: true).ConfigureAwait(false);
        if (bodyError is not null) return bodyError;

        // A token names its conversation and user; DirectLineJS's body user.id is ignored then (§4.4).
        var conversationId = caller.Token?.ConversationId ?? DirectLineIds.NewConversationId();
        var userId = caller.Token?.UserId ?? (parameters?.User?.Id is { Length: > 0 } id ? id : DirectLineIds.NewUserId());
        // Token holders got their token anonymously from the page: each address has a quota. Secret callers are trusted servers.
        var client = caller.IsSecret ? null : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        DirectLineConversation? conversation;
        StartOutcome outcome;
        try
        {
            (conversation, outcome) = await store.StartAsync(conversationId, userId, client, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DirectLineErrors.ServiceError(http, "start a conversation", ex);
        }
        if (outcome == StartOutcome.Gone) return DirectLineErrors.ConversationNotFound();
        if (outcome == StartOutcome.Full)
            return DirectLineErrors.TooManyRequests(http, TimeSpan.FromMinutes(1), "Too many conversations are open; retry later.");
        if (outcome == StartOutcome.ClientQuota)
            return DirectLineErrors.TooManyRequests(http, options.Value.ConversationIdleTimeout / 10, "Too many conversations were started from this address; retry later.");
        if (outcome == StartOutcome.Created)
            await runner.GreetAsync(conversation!, parameters?.Locale, parameters?.User?.Name).ConfigureAwait(false);

        var response = await DescribeAsync(http, caller, conversation!, tokens, watermark: null).ConfigureAwait(false);
        return outcome == StartOutcome.Created
            ? Results.Json(response, DirectLineJson.Options, statusCode: StatusCodes.Status201Created)
            : Results.Json(response, DirectLineJson.Options);
    }

    private static async Task<IResult> ReconnectAsync(
        string conversationId,
        string? watermark,
        HttpContext http,
        DirectLineAuthenticator auth,
        DirectLineConversationStore store,
        DirectLineTokenService tokens)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.WrongConversation();
        if (!Watermark.TryParse(watermark, out var from)) return DirectLineErrors.BadArgument("The watermark is not valid.");
        if (await store.FindAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is not { } conversation)
            return DirectLineErrors.ConversationNotFound();
        return Results.Json(await DescribeAsync(http, caller, conversation, tokens, from).ConfigureAwait(false), DirectLineJson.Options);
    }

    private static async Task<TokenResponse> DescribeAsync(HttpContext http, DirectLineCaller caller, DirectLineConversation conversation, DirectLineTokenService tokens, long? watermark)
    {
        var ct = http.RequestAborted;
        // A token caller keeps its token (refreshes go through /tokens/refresh); a secret caller gets one.
        var token = caller.Token is null ? await tokens.IssueAsync(conversation.Id, conversation.UserId, ct).ConfigureAwait(false) : caller.Credential;
        var expiresIn = caller.Token is { } current
            ? (int)Math.Max(0, (current.ExpiresAt - tokens.Now).TotalSeconds)
            : (int)tokens.Lifetime.TotalSeconds;
        var until = caller.Token?.ExpiresAt ?? tokens.Now + tokens.Lifetime;
        var streamToken = await tokens.IssueStreamAsync(conversation.Id, conversation.UserId, until, ct).ConfigureAwait(false);
        return new TokenResponse(conversation.Id, token, expiresIn, DirectLineStreamUrl.Build(http.Request, conversation.Id, streamToken, watermark));
    }
}
