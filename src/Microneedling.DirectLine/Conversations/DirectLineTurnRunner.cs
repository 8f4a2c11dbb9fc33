using Microneedling.BotFramework;
using Microneedling.BotFramework.Http;
using Microneedling.BotFramework.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// Runs a Direct Line activity through the same turn pipeline as <c>/api/messages</c> (the adapter's
/// middleware, then the bot), one turn per conversation at a time; the bot's replies are appended to
/// the conversation's transcript instead of being sent to a Connector.
/// </summary>
internal sealed partial class DirectLineTurnRunner(
    IServiceProvider services,
    DirectLineConversationStore store,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineTurnRunner> logger)
{
    /// <summary>The channel id the bot sees for this traffic, as with the Azure service.</summary>
    public const string ChannelId = "directline";

    public ChannelAccount BotAccount => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = "bot" };

    /// <summary>
    /// Takes the conversation's turn gate, waiting at most <see cref="DirectLineOptions.BotTimeout"/>.
    /// A turn stuck past its timeout keeps the gate; later posts then give up here (429) instead of
    /// queueing behind it without limit. False when the gate was not free in time.
    /// </summary>
    public async Task<bool> TryEnterAsync(DirectLineConversation conversation)
    {
        try
        {
            return await conversation.TurnGate.WaitAsync(options.Value.BotTimeout, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Gives the gate back when the entered turn is not run after all (its activity could not be stored).</summary>
    public static void Exit(DirectLineConversation conversation) => conversation.TurnGate.Release();

    /// <summary>
    /// Runs the turn (the caller holds the gate from <see cref="TryEnterAsync"/>; the turn releases it)
    /// and waits for it at most <see cref="DirectLineOptions.BotTimeout"/>. The turn is not cancelled
    /// when the client goes away or the wait times out: a late reply still lands in the transcript, and
    /// the bot's state write is never cut in half. Only shutdown cancels it.
    /// </summary>
    public async Task<TurnOutcome> RunEnteredAsync(DirectLineConversation conversation, Activity incoming)
    {
        var turn = RunLockedAsync(conversation, incoming, lifetime.ApplicationStopping);
        try
        {
            await turn.WaitAsync(options.Value.BotTimeout, clock).ConfigureAwait(false);
            return TurnOutcome.Completed;
        }
        catch (TimeoutException)
        {
            LogTimedOut(logger, incoming.Type ?? "-");
            _ = turn.ContinueWith(t => LogFailed(logger, incoming.Type ?? "-", t.Exception!.GetBaseException().GetType().Name), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return TurnOutcome.TimedOut;
        }
#pragma warning disable CA1031 // Any bot failure is the bot's: the client gets 502 BotError, as from the service.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, incoming.Type ?? "-", ex.GetType().Name);
            return TurnOutcome.Failed;
        }
    }

    /// <summary>Enters and runs a turn; <see cref="TurnOutcome.TimedOut"/> when the gate stayed taken.</summary>
    public async Task<TurnOutcome> RunAsync(DirectLineConversation conversation, Activity incoming)
    {
        if (!await TryEnterAsync(conversation).ConfigureAwait(false)) return TurnOutcome.TimedOut;
        return await RunEnteredAsync(conversation, incoming).ConfigureAwait(false);
    }

    /// <summary>
    /// The conversationUpdate the service sends when a conversation starts, with the bot and the user
    /// in membersAdded, so the welcome message is in the transcript before the stream opens (§4.7 item 2).
    /// </summary>
    public Task<TurnOutcome> GreetAsync(DirectLineConversation conversation, string? locale, string? userName)
    {
        var user = new ChannelAccount { Id = conversation.UserId, Name = userName, Role = "user" };
        return RunAsync(conversation, new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            ChannelId = ChannelId,
            Timestamp = clock.GetUtcNow(),
            Conversation = new ConversationAccount { Id = conversation.Id },
            From = user,
            Recipient = BotAccount,
            Locale = locale,
            MembersAdded = [BotAccount, user],
        });
    }

    private async Task RunLockedAsync(DirectLineConversation conversation, Activity incoming, CancellationToken cancellationToken)
    {
        // RunTurnAsync does not lock; the gate (taken by the caller) keeps a conversation's turns and state writes in order.
        try
        {
            // Resolved per turn from DI: the host's adapter and bot (tests replace the bot).
            var adapter = services.GetRequiredService<BotFrameworkAdapter>();
            var bot = services.GetRequiredService<IBot>();
            var context = new TurnContext(incoming, (reply, ct) => AppendReplyAsync(conversation, incoming, reply, ct));
            await adapter.RunTurnAsync(context, bot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            conversation.TurnGate.Release();
        }
    }

    private async Task<ResourceResponse> AppendReplyAsync(DirectLineConversation conversation, Activity incoming, Activity reply, CancellationToken cancellationToken)
    {
        // The service stamps what the bot sends: its own account, this conversation, a fresh id and time.
        reply.ChannelId = ChannelId;
        reply.From = BotAccount;
        reply.Recipient ??= incoming.From;
        reply.Conversation = new ConversationAccount { Id = conversation.Id };
        reply.ReplyToId ??= incoming.Id;
        reply.ServiceUrl = null;
        var id = await store.AppendAsync(conversation, reply, cancellationToken).ConfigureAwait(false);
        return new ResourceResponse(id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot did not finish a Direct Line {Type} turn in time")]
    private static partial void LogTimedOut(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot failed a Direct Line {Type} turn: {Error}")]
    private static partial void LogFailed(ILogger logger, string type, string error);
}
