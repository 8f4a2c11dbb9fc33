using Microneedling.BotFramework.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
        IOptions<DirectLineOptions> options)
    {
        var (caller, error) = await auth.AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null) return error!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.WrongConversation();
        if (await store.FindAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is not { } conversation)
            return DirectLineErrors.ConversationNotFound();
        var (activity, bodyError) = await DirectLineRequestBody.ReadAsync<Activity>(http.Request, options.Value.MaxActivityBytes, optional: false).ConfigureAwait(false);
        if (activity is null) return bodyError!;
        if (string.IsNullOrWhiteSpace(activity.Type)) return DirectLineErrors.MissingProperty("The activity has no type.");
        if (caller.IsSecret && string.IsNullOrWhiteSpace(activity.From?.Id)) return DirectLineErrors.MissingProperty("The activity has no from.id.");

        Stamp(activity, caller.Token?.UserId ?? activity.From!.Id!, conversation.Id, runner);
        // The echo: the user's own activity goes into the transcript with its id before the bot runs,
        // because Web Chat marks a message sent only when it comes back with an id (§4.6, §6.2 #15).
        var id = await store.AppendAsync(conversation, activity, http.RequestAborted).ConfigureAwait(false);
        return await runner.RunAsync(conversation, activity).ConfigureAwait(false) switch
        {
            TurnOutcome.Completed => Results.Json(new ResourceResponse(id), BotJson.Options),
            TurnOutcome.TimedOut => DirectLineErrors.BotTimeout(),
            _ => DirectLineErrors.BotError("The bot failed to process the activity."),
        };
    }

    /// <summary>
    /// What the service sets on a posted activity: the user id from the token (never from the body,
    /// §4.4 enhanced authentication), this conversation and channel, the bot as recipient. The
    /// client's <c>channelData</c> (with <c>clientActivityID</c>) is kept untouched.
    /// </summary>
    private static void Stamp(Activity activity, string userId, string conversationId, DirectLineTurnRunner runner)
    {
        activity.From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = "user" };
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.ChannelId = DirectLineTurnRunner.ChannelId;
        activity.Recipient = runner.BotAccount;
        activity.ServiceUrl = null;
        activity.ReplyToId = null;
    }
}
