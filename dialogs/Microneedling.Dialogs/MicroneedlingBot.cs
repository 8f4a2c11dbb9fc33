using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.State;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Microneedling.Dialogs;

/// <summary>
/// The bot, shaped like the core-bot sample's DialogBot: the SDK's <see cref="ActivityHandler"/>
/// says which kind of activity arrived, the root dialog (<see cref="MainDialog"/>) decides what to
/// say, and every turn ends by saving the conversation state (through the store's ETag). People
/// joining are welcomed (the SDK leaves out the bot's own arrival); Teams card buttons arrive as
/// <c>adaptiveCard/action</c> invokes, whose response is made from the replies the turn sent.
/// </summary>
public sealed partial class MicroneedlingBot : ActivityHandler
{
    /// <summary>The invoke Teams sends for an Adaptive Card Action.Execute.</summary>
    public const string CardActionInvokeName = "adaptiveCard/action";

    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly MainDialog _dialog;
    private readonly ILogger<MicroneedlingBot> _logger;

    public MicroneedlingBot(ConversationState conversationState, MainDialog dialog, ILogger<MicroneedlingBot> logger)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _conversationState = conversationState;
        _conversationData = conversationState.CreateProperty<ConversationData>(ConversationData.PropertyName);
        _dialog = dialog;
        _logger = logger;
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // The SDK's handlers walk these lists without null checks; every transport's reader already
        // removes null entries, and a bot run by a test or another adapter must not crash on them either.
        Microneedling.BotFramework.Http.ActivityReader.Sanitized(turnContext.Activity);
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (HasConversation(turnContext)) await _conversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var conversation = await LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await _dialog.RunAsync(turnContext, conversation, TurnInputReader.ReadMessage(turnContext.Activity), cancellationToken).ConfigureAwait(false);
    }

    protected override Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        _dialog.WelcomeAsync(turnContext, cancellationToken);

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // Ours rather than the SDK's OnAdaptiveCardInvokeAsync: a malformed value is answered with a
        // readable "sorry" on the card (200), as a button press in a message is, not a bare 400.
        if (turnContext.Activity.Name != CardActionInvokeName) return await base.OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var sent = new List<Activity>();
        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            sent.AddRange(activities.Where(a => a.Type == ActivityTypes.Message));
            return await next().ConfigureAwait(false);
        });
        var conversation = await LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await _dialog.RunAsync(turnContext, conversation, TurnInputReader.ReadInvoke(turnContext.Activity), cancellationToken).ConfigureAwait(false);
        // The card's status line repeats what the turn said first (every Teams reply carries a one-line text).
        var summary = sent.Select(a => a.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "Done.";
        return CreateInvokeResponse(new AdaptiveCardInvokeResponse
        {
            StatusCode = 200,
            Type = "application/vnd.microsoft.activity.message",
            Value = summary,
        });
    }

    /// <summary>
    /// The conversation's data. State written before the typed accessor (the same fields at the top
    /// level) is carried over; state this version cannot read is started afresh rather than failing
    /// every turn of the conversation.
    /// </summary>
    private async Task<ConversationData> LoadAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        // The transports refuse activities without these; one from elsewhere is answered without memory.
        if (!HasConversation(turn)) return new ConversationData();
        ConversationData data;
        try
        {
            data = await _conversationData.GetAsync(turn, () => Migrated(turn), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            LogUnreadableState(_logger, ex.GetType().Name);
            data = new ConversationData();
        }
        // Our stores hand back JSON, which the accessor converts into a new object on every get: set it
        // back, so the changes the dialogs make to this object are what the turn saves.
        await _conversationData.SetAsync(turn, data, cancellationToken).ConfigureAwait(false);
        return data;
    }

    private static bool HasConversation(ITurnContext turn) =>
        !string.IsNullOrEmpty(turn.Activity.ChannelId) && !string.IsNullOrEmpty(turn.Activity.Conversation?.Id);

    private ConversationData Migrated(ITurnContext turn)
    {
        var legacy = _conversationState.Get(turn);
        var data = new ConversationData();
        if (legacy?["lastClaims"] is Newtonsoft.Json.Linq.JArray ids)
            data.LastClaimIds = [.. ids.Where(id => id.Type == Newtonsoft.Json.Linq.JTokenType.String).Select(id => (string)id!)];
        if (legacy?["turns"] is { Type: Newtonsoft.Json.Linq.JTokenType.Integer } turns) data.Turns = (int)turns;
        return data;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation state could not be read ({Error}); starting the conversation afresh")]
    private static partial void LogUnreadableState(ILogger logger, string error);
}
