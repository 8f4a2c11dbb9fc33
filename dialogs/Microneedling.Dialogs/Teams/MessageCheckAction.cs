using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Rendering.AdaptiveCards;
using Microneedling.FactCheck;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Teams;

/// <summary>
/// "Fact-check this message" (a message action, <c>fetchTask</c>): <c>composeExtension/fetchTask</c> runs
/// triage and the engine on the message's text and answers with a task module (<see cref="MessageCheckCard"/>);
/// <c>composeExtension/submitAction</c> inserts the chosen claim's card (or the red-flag advice) into the
/// compose box, or closes on Cancel. The message is read again on submit rather than kept anywhere.
/// </summary>
public sealed partial class MessageCheckAction(
    FactChecker engine,
    PublicClaimPages pages,
    AskedClaims asked,
    TeamsOptions options,
    ILogger<MessageCheckAction> logger)
{
    public const string Title = "Fact-check this message";

    public async Task<MessagingExtensionActionResponse> FetchAsync(Activity incoming, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        Require(action);
        var text = MessageText.Of(action.MessagePayload, options.MaxMessageLength);
        var result = await engine.CheckAsync(text, cancellationToken).ConfigureAwait(false);
        // Only what was decided is logged, never the message: it is someone's words about their health.
        LogChecked(logger, result.Matches.Count, result.Confidence, result.Triage.Level.ToName());
        var card = text.Length == 0 ? EmptyMessage() : MessageCheckCard.Build(ChannelCapabilities.For(incoming), result);
        return new MessagingExtensionActionResponse
        {
            Task = new TaskModuleContinueResponse
            {
                Value = new TaskModuleTaskInfo { Title = Title, Card = AdaptiveCardJson.ToAttachment(card), Height = "large", Width = "medium" },
            },
        };
    }

    public async Task<MessagingExtensionActionResponse> SubmitAsync(Activity incoming, MessagingExtensionAction action, CancellationToken cancellationToken)
    {
        Require(action);
        var data = action.Data as JObject;
        var choice = data?["action"]?.Type == JTokenType.String ? (string?)data["action"] : null;
        switch (choice)
        {
            case MessageCheckCard.Cancel:
                // An empty response closes the task module and inserts nothing.
                return new MessagingExtensionActionResponse();
            case MessageCheckCard.Insert:
                var id = data!["claimId"]?.Type == JTokenType.String ? (string?)data["claimId"] : null;
                if (engine.Claims.Find(id ?? "") is not { } claim) throw InvokeErrors.BadRequest("The chosen claim is not in the claim set.");
                asked.Record(claim.Id);
                return Insert(ClaimCard(claim));
            case MessageCheckCard.InsertAdvice:
                var result = await engine.CheckAsync(MessageText.Of(action.MessagePayload, options.MaxMessageLength), cancellationToken).ConfigureAwait(false);
                if (!result.Triage.IsRedFlag) throw InvokeErrors.BadRequest("The message describes no danger sign, so there is no advice to insert.");
                var advice = RedFlagReply.Render(ChannelCapabilities.For(incoming), result.Triage);
                return Insert(new MessagingExtensionAttachment { ContentType = AdaptiveCard.ContentType, Content = AdaptiveCardJson.ToAttachment(advice.Card!).Content });
            default:
                throw InvokeErrors.BadRequest("The submitted data names no known choice (insert, insert-advice or cancel).");
        }
    }

    private MessagingExtensionAttachment ClaimCard(Claim claim) =>
        new() { ContentType = AdaptiveCard.ContentType, Content = SharedClaimCard.Build(claim, pages.For(claim.Id)) };

    private static MessagingExtensionActionResponse Insert(MessagingExtensionAttachment card) => new()
    {
        ComposeExtension = new MessagingExtensionResult { Type = "result", AttachmentLayout = AttachmentLayoutTypes.List, Attachments = [card] },
    };

    private static void Require(MessagingExtensionAction action)
    {
        if (action is null) throw InvokeErrors.BadRequest(InvokeErrors.NoValue);
        if (action.CommandId != TeamsCommands.CheckMessage) throw InvokeErrors.BadRequest("Unknown message action command.");
    }

    private static AdaptiveCard EmptyMessage() => new AdaptiveCard()
        .Add(new TextBlock("This message has no text to check.") { Weight = TextWeight.Bolder })
        .AddAction(new SubmitAction("Close", new CardActionValue { Action = MessageCheckCard.Cancel }));

    [LoggerMessage(Level = LogLevel.Information, Message = "Fact-checked a Teams message: {Matches} claim(s), confidence {Confidence}, triage {Triage}")]
    private static partial void LogChecked(ILogger logger, int matches, MatchConfidence confidence, string triage);
}
