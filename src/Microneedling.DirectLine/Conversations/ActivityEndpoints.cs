using Microneedling.BotFramework;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Conversations;

/// <summary>Get activities after a watermark and post one activity (§4.2 #5–6).</summary>
internal static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapGet("/conversations/{conversationId}/activities", GetAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostAsync);
    }

    private static async Task<IResult> GetAsync(
        string conversationId,
        string? watermark,
        HttpContext http,
        DirectLineAuthenticator auth,
        DirectLineConversationStore store,
        IOptions<DirectLineOptions> options)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.WrongConversation();
        if (!Watermark.TryParse(watermark, out var from)) return DirectLineErrors.BadArgument("The watermark is not valid.");
        if (await store.FindAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is not { } conversation)
            return DirectLineErrors.ConversationNotFound();
        var (json, _, _) = conversation.ReadAfter(from, options.Value.MaxActivitiesPerSet, includeTyping: false);
        return Results.Text(json, "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostAsync(
        string conversationId,
        HttpContext http,
        DirectLineAuthenticator auth,
        DirectLineConversationStore store,
        DirectLineTurnRunner runner,
        DirectLineAccounts accounts,
        IOptions<DirectLineOptions> options)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.WrongConversation();
        if (await store.FindAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is not { } conversation)
            return DirectLineErrors.ConversationNotFound();
        var (activity, bodyError) = await DirectLineRequestBody.ReadActivityAsync(http.Request, options.Value.MaxActivityBytes).ConfigureAwait(false);
        if (activity is null) return bodyError!;
        if (string.IsNullOrWhiteSpace(activity.Type)) return DirectLineErrors.MissingProperty("The activity has no type.");
        if (activity.From?.Id is { Length: > 512 } || activity.From?.Name is { Length: > 512 }) return DirectLineErrors.BadArgument("The from id or name is too long.");
        // Clients send only these; conversationUpdate, invoke and the like come from the service itself.
        if (activity.Type is not (ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.Typing))
            return DirectLineErrors.BadArgument("Only message, event and typing activities may be posted.");
        if (caller.IsSecret && string.IsNullOrWhiteSpace(activity.From?.Id)) return DirectLineErrors.MissingProperty("The activity has no from.id.");

        Stamp(activity, caller.Token?.UserId ?? activity.From!.Id!, conversation.Id, accounts.Bot);
        try
        {
            // Typing is only relayed to the other side's stream: it is no turn for the bot.
            if (activity.Type == ActivityTypes.Typing)
            {
                return await store.AppendAsync(conversation, activity, http.RequestAborted).ConfigureAwait(false) is { } typingId
                    ? Results.Json(new { id = typingId }, DirectLineJson.Options)
                    : DirectLineErrors.ConversationNotFound();
            }
            // The echo: the user's own activity goes into the transcript with its id before the bot runs,
            // because Web Chat marks a message sent only when it comes back with an id (§4.6, §6.2 #15).
            // A client's retry of a post that was kept (the same clientActivityID, say after a dropped
            // response) gets the first post's id and no second answer.
            string? id = null;
            var outcome = await runner.RunAsync(conversation, activity, async ct =>
            {
                var (appended, repeated) = await store.AppendOnceAsync(conversation, activity, ct).ConfigureAwait(false);
                id = appended;
                return id is null ? ChannelTurnStart.Gone : repeated ? ChannelTurnStart.AlreadyRan : ChannelTurnStart.Run;
            }).ConfigureAwait(false);
            return outcome switch
            {
                ChannelTurnOutcome.Completed => Results.Json(new { id }, DirectLineJson.Options),
                ChannelTurnOutcome.Busy => DirectLineErrors.TooManyRequests(http, options.Value.BotTimeout, "The bot is still busy with an earlier activity; retry later."),
                ChannelTurnOutcome.Gone => DirectLineErrors.ConversationNotFound(),
                ChannelTurnOutcome.TimedOut => DirectLineErrors.BotTimeout(),
                ChannelTurnOutcome.Unavailable => DirectLineErrors.Unavailable(http),
                _ => DirectLineErrors.BotError("The bot failed to process the activity."),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DirectLineErrors.ServiceError(http, "append an activity", ex);
        }
    }

    /// <summary>
    /// What the service sets on a posted activity: the user id from the token (never from the body,
    /// §4.4 enhanced authentication), this conversation and channel, the bot as recipient. The
    /// client's <c>channelData</c> (with <c>clientActivityID</c>) is kept untouched.
    /// </summary>
    private static void Stamp(Activity activity, string userId, string conversationId, ChannelAccount bot)
    {
        activity.From = new ChannelAccount(id: userId, name: activity.From?.Name, role: RoleTypes.User);
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.ChannelId = DirectLineTurnRunner.ChannelId;
        activity.Recipient = bot;
        activity.ServiceUrl = null;
        activity.ReplyToId = null;
        activity.DeliveryMode = null;
        activity.CallerId = null;
    }
}
