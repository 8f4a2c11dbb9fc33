using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.State;
using Microneedling.Dialogs.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Microneedling.Dialogs;

/// <summary>
/// The bot, shaped like the core-bot sample's DialogBot: the SDK's <see cref="ActivityHandler"/>
/// says which kind of activity arrived, the root dialog (<see cref="MainDialog"/>) decides what to
/// say, and every turn ends by saving the conversation state (through the store's ETag). People
/// joining are welcomed (the SDK leaves out the bot's own arrival); Teams card buttons arrive as
/// <c>adaptiveCard/action</c> invokes, whose response is made from the replies the turn sent.
/// In Teams (the SDK's <see cref="TeamsActivityHandler"/>) the message extension's invokes go to
/// <see cref="ClaimSearchExtension"/> and <see cref="MessageCheckAction"/>, a shared card's live actions to
/// <see cref="LiveClaimCards"/>, and only a personal chat is welcomed, once.
/// </summary>
public sealed partial class MicroneedlingBot : TeamsActivityHandler
{
    /// <summary>The invoke Teams sends for an Adaptive Card Action.Execute.</summary>
    public const string CardActionInvokeName = "adaptiveCard/action";

    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly MainDialog _dialog;
    private readonly ILogger<MicroneedlingBot> _logger;
    private readonly ClaimSearchExtension _search;
    private readonly MessageCheckAction _messageCheck;
    private readonly LiveClaimCards _liveCards;

    public MicroneedlingBot(
        ConversationState conversationState,
        MainDialog dialog,
        ClaimSearchExtension search,
        MessageCheckAction messageCheck,
        LiveClaimCards liveCards,
        ILogger<MicroneedlingBot> logger)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _conversationState = conversationState;
        _conversationData = conversationState.CreateProperty<ConversationData>(ConversationData.PropertyName);
        _dialog = dialog;
        _search = search;
        _messageCheck = messageCheck;
        _liveCards = liveCards;
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

    /// <summary>
    /// Ours rather than the SDK's member dispatch, which in Teams looks every new member up through the
    /// Connector. Elsewhere people joining are welcomed (not the bot itself); in Teams only a personal
    /// chat is, once: a channel or group chat hears from the bot when someone @mentions it.
    /// </summary>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var added = activity.MembersAdded ?? [];
        if (activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams)
        {
            if (added.Count > 0 && TeamsScope.IsPersonal(activity.Conversation)) await WelcomeOnceAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (added.Any(m => m.Id != activity.Recipient?.Id)) await _dialog.WelcomeAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Teams sends this beside the conversationUpdate when the app is installed; whichever comes first welcomes.</summary>
    protected override Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams && TeamsScope.IsPersonal(turnContext.Activity.Conversation)
            ? WelcomeOnceAsync(turnContext, cancellationToken)
            : Task.CompletedTask;
    }

    private async Task WelcomeOnceAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var conversation = await LoadAsync(turn, cancellationToken).ConfigureAwait(false);
        if (conversation.Welcomed) return;
        conversation.Welcomed = true;
        await _dialog.WelcomeAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken) =>
        _search.QueryAsync(query, cancellationToken);

    protected override Task<MessagingExtensionResponse> OnTeamsAppBasedLinkQueryAsync(ITurnContext<IInvokeActivity> turnContext, AppBasedLinkQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(_search.Unfurl(query));

    protected override Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionFetchTaskAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return _messageCheck.FetchAsync((Activity)turnContext.Activity, action, cancellationToken);
    }

    protected override Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionSubmitActionAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return _messageCheck.SubmitAsync((Activity)turnContext.Activity, action, cancellationToken);
    }

    /// <summary>Reached only for the live-card verbs (see <see cref="OnInvokeActivityAsync"/>), after the SDK checked the value's shape.</summary>
    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        _liveCards.ExecuteAsync(invokeValue, cancellationToken);

    protected override Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // A shared card's refresh and votes are answered with a card by the SDK's OnAdaptiveCardInvokeAsync
        // (a malformed value gets its 400). The chat answer's buttons are ours instead: a malformed value is
        // answered with a readable "sorry" on the card (200), as a button press in a message is.
        return turnContext.Activity.Name != CardActionInvokeName || LiveCardVerbs.IsLive(VerbOf(turnContext.Activity))
            ? SdkInvokeAsync(turnContext, cancellationToken)
            : ChatCardActionAsync(turnContext, cancellationToken);
    }

    /// <summary>The SDK's invoke dispatch (Teams' message extension, live cards), with its failures on malformed values answered 4xx.</summary>
    private async Task<InvokeResponse> SdkInvokeAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var name = turnContext.Activity.Name;
        // The SDK's Teams dispatch fails on a null value (it names the value's type in its 400 message)
        // instead of answering 400, so a Teams invoke without an object value stops here: 400 for the
        // message extension's, 501 for the ones this bot does not implement anyway.
        if (turnContext.Activity.Value is not Newtonsoft.Json.Linq.JObject && TeamsInvokes.ReadsValue(name))
        {
            if (!TeamsInvokes.Handled(name)) return new InvokeResponse { Status = 501 };
            return BadInvoke(name, new BadInvokeException(InvokeErrors.NoValue));
        }
        try
        {
            var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
            // The SDK answers every card action 200; the protocol's HTTP status is the body's statusCode.
            if (response?.Body is AdaptiveCardInvokeResponse { StatusCode: not 200 } card) response.Status = card.StatusCode;
            return response!;
        }
        catch (BadInvokeException ex)
        {
            return BadInvoke(name, ex);
        }
        catch (InvokeResponseException ex)
        {
            // The SDK's own "value is not the expected type" (a non-object value): meant as this response.
            LogBadInvoke(_logger, name ?? "-", "the value is not the expected object");
            return ex.CreateInvokeResponse();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // A value that is an object but whose fields have the wrong types ("parameters": "text").
            return BadInvoke(name, new BadInvokeException("The invoke value's fields have the wrong types."));
        }
    }

    private InvokeResponse BadInvoke(string? name, BadInvokeException problem)
    {
        LogBadInvoke(_logger, name ?? "-", problem.Message);
        return new InvokeResponse { Status = 400, Body = problem.Body };
    }

    /// <summary>A chat answer's button (Action.Execute): run as a turn of the dialogs; the card's status line repeats what the turn said first.</summary>
    private async Task<InvokeResponse> ChatCardActionAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var sent = new List<Activity>();
        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            sent.AddRange(activities.Where(a => a.Type == ActivityTypes.Message));
            return await next().ConfigureAwait(false);
        });
        var conversation = await LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await _dialog.RunAsync(turnContext, conversation, TurnInputReader.ReadInvoke(turnContext.Activity), cancellationToken).ConfigureAwait(false);
        // Every Teams reply carries a one-line text.
        var summary = sent.Select(a => a.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "Done.";
        return CreateInvokeResponse(new AdaptiveCardInvokeResponse
        {
            StatusCode = 200,
            Type = "application/vnd.microsoft.activity.message",
            Value = summary,
        });
    }

    private static string? VerbOf(IInvokeActivity activity) =>
        activity.Value is Newtonsoft.Json.Linq.JObject { } value && value["action"] is Newtonsoft.Json.Linq.JObject action
        && action["verb"] is { Type: Newtonsoft.Json.Linq.JTokenType.String } verb ? (string?)verb : null;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoke {Name} answered 400: {Problem}")]
    private static partial void LogBadInvoke(ILogger logger, string name, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation state could not be read ({Error}); starting the conversation afresh")]
    private static partial void LogUnreadableState(ILogger logger, string error);
}
