using Microneedling.BotFramework;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// Runs a Direct Line activity as a turn of the same adapter and bot as <c>/api/messages</c>
/// (<see cref="MicroneedlingAdapter.RunChannelTurnAsync"/>: the one conversation lock, the
/// middleware, the error handler), with <see cref="DirectLineConnector"/> as the channel's Connector,
/// so the bot's replies land in the transcript. The turn is not cancelled when the client goes away
/// or the wait times out: a late reply still lands in the transcript, and the bot's state write is
/// never cut in half. Only shutdown cancels it.
/// </summary>
internal sealed class DirectLineTurnRunner(
    MicroneedlingAdapter adapter,
    IBot bot,
    DirectLineConnector connector,
    DirectLineAccounts accounts,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime)
{
    /// <summary>The channel id the bot sees for this traffic, as with the Azure service.</summary>
    public const string ChannelId = "directline";

    /// <summary>
    /// Runs the turn for <paramref name="incoming"/> after <paramref name="echo"/> (the user's own
    /// activity written to the transcript, under the conversation's lock so a post refused because a
    /// turn is stuck leaves nothing behind). Waits at most <see cref="DirectLineOptions.BotTimeout"/>
    /// for the lock and again for the turn.
    /// </summary>
    public async Task<ChannelTurnOutcome> RunAsync(DirectLineConversation conversation, Activity incoming, Func<CancellationToken, Task<ChannelTurnStart>> echo)
    {
        var timeout = options.Value.BotTimeout;
        conversation.TurnStarted();
        try
        {
            return await adapter.RunChannelTurnAsync(
                incoming,
                connector,
                bot,
                async ct =>
                {
                    var start = await echo(ct).ConfigureAwait(false);
                    // Set after the echo: the transcript never shows the in-process serviceUrl.
                    if (start == ChannelTurnStart.Run) incoming.ServiceUrl = DirectLineConnector.ServiceUrl;
                    return start;
                },
                timeout,
                timeout,
                lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        finally
        {
            conversation.TurnEnded();
        }
    }

    /// <summary>
    /// The conversationUpdate the service sends when a conversation starts, with the bot and the user
    /// in membersAdded, so the welcome message is in the transcript before the stream opens (§4.7 item 2).
    /// </summary>
    public Task<ChannelTurnOutcome> GreetAsync(DirectLineConversation conversation, string? locale, string? userName)
    {
        var user = new ChannelAccount(id: conversation.UserId, name: userName, role: RoleTypes.User);
        var bot = accounts.Bot;
        return RunAsync(conversation, new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = ChannelId,
            Timestamp = clock.GetUtcNow(),
            Conversation = new ConversationAccount(id: conversation.Id),
            From = user,
            Recipient = bot,
            Locale = locale,
            MembersAdded = [bot, user],
        }, _ => Task.FromResult(ChannelTurnStart.Run));
    }
}
