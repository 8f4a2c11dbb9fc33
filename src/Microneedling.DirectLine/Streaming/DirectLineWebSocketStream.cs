using System.Net.WebSockets;
using System.Text;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microneedling.DirectLine.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Streaming;

/// <summary>
/// The WebSocket at streamUrl (§4.2 #8, §4.3): on open it replays every activity after the URL's
/// watermark, then pushes each new one as an ActivitySet <c>{"activities": [...], "watermark": "N"}</c>,
/// in order. What was sent is tracked by watermark, so a reconnect from the last watermark neither
/// loses nor repeats an activity. Idle sockets get empty keep-alive frames; what the client sends
/// (DirectLineJS pings with empty frames) is read and ignored.
/// </summary>
internal static class DirectLineWebSocketStream
{
    public static void MapStreamEndpoint(this IEndpointRouteBuilder group) =>
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);

    private static async Task<IResult> StreamAsync(
        string conversationId,
        string? watermark,
        string? t,
        HttpContext http,
        DirectLineAuthenticator auth,
        DirectLineConversationStore store,
        IOptions<DirectLineOptions> options,
        TimeProvider clock,
        IHostApplicationLifetime lifetime)
    {
        if (string.IsNullOrEmpty(t)) return DirectLineErrors.MissingAuthorization();
        var (caller, error) = await auth.AuthenticateTokenAsync(http, t, DirectLineTokenPurpose.Stream).ConfigureAwait(false);
        if (caller is null) return error!;
        if (!caller.MayUse(conversationId)) return DirectLineErrors.WrongConversation();
        if (!Watermark.TryParse(watermark, out var from)) return DirectLineErrors.BadArgument("The watermark is not valid.");
        if (!http.WebSockets.IsWebSocketRequest) return DirectLineErrors.BadArgument("The stream is a WebSocket: send an upgrade request.");
        var replaced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DirectLineConversation? conversation;
        // A conversation unloaded from memory between the find and the add is found (loaded) again.
        do
        {
            conversation = await store.FindAsync(conversationId, http.RequestAborted).ConfigureAwait(false);
            if (conversation is null) return DirectLineErrors.ConversationNotFound();
        }
        while (!conversation.Streams.TryAdd(replaced, options.Value.MaxStreamsPerConversation));

        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var until = caller.Token!.StreamUntil ?? clock.GetUtcNow() + options.Value.TokenLifetime;
            await PumpAsync(socket, conversation, from, new StreamEnd(replaced.Task, until), options.Value, clock, store, stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the host is stopping: nothing to answer.
        }
        finally
        {
            conversation.Streams.Remove(replaced);
        }
        return Results.Empty;
    }

    private static async Task PumpAsync(WebSocket socket, DirectLineConversation conversation, long sent, StreamEnd end, DirectLineOptions options, TimeProvider clock, DirectLineConversationStore store, CancellationToken cancellationToken)
    {
        var received = DrainAsync(socket, cancellationToken);
        var replaced = end.Replaced;
        var expired = false;
        while (socket.State == WebSocketState.Open)
        {
            // Checked at least every keep-alive interval: the socket must not outlive the token that opened it.
            if (clock.GetUtcNow() >= end.Until)
            {
                expired = true;
                break;
            }
            // Take the change signal before reading, so an append between the two still wakes us.
            var changed = conversation.NextChange();
            var (json, watermark, count) = conversation.ReadAfter(sent, options.MaxActivitiesPerSet, includeTyping: true);
            if (count > 0)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                sent = watermark;
                continue;
            }

            using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tick = Task.Delay(options.KeepAliveInterval, clock, keepAlive.Token);
            var woke = await Task.WhenAny(changed, received, conversation.Ended, replaced, tick).ConfigureAwait(false);
            await keepAlive.CancelAsync().ConfigureAwait(false);
            if (woke == received || woke == conversation.Ended || woke == replaced) break;
            if (woke != tick) continue;
            await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            // Shared store: pub/sub delivers at most once, so each keep-alive also re-reads the transcript.
            try
            {
                await store.CatchUpAsync(conversation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex))
            {
                // Redis is down: the socket stays open and tries again at the next keep-alive.
            }
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var reason = conversation.Ended.IsCompleted ? "Conversation ended"
                : replaced.IsCompleted ? "Replaced by a newer stream"
                : expired ? "Token expired"
                : string.Empty;
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads (and drops) what the client sends until it closes; completes at the close.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Treated as a close by the pump.
        }
    }

    /// <summary>What ends a stream besides the client and the conversation: a newer stream, or its token's expiry.</summary>
    private readonly record struct StreamEnd(Task Replaced, DateTimeOffset Until);
}
