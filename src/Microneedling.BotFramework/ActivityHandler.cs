using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework;

/// <summary>
/// Routes each activity type to a virtual method, as Bot Builder's ActivityHandler. Types the bot
/// does not handle are acknowledged and ignored; an invoke nobody handles answers 501.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public virtual Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Type switch
        {
            ActivityTypes.Message => OnMessageActivityAsync(turnContext, cancellationToken),
            ActivityTypes.ConversationUpdate => OnConversationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.MessageReaction => OnMessageReactionActivityAsync(turnContext, cancellationToken),
            ActivityTypes.Invoke => HandleInvokeAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // The bot's own arrival is in membersAdded too; only people are welcomed. The list is client
        // JSON: null entries ("membersAdded": [null]) are skipped, not dereferenced.
        var botId = turnContext.Activity.Recipient?.Id;
        var people = turnContext.Activity.MembersAdded?.OfType<ChannelAccount>().Where(m => m.Id != botId).ToList() ?? [];
        return people.Count == 0 ? Task.CompletedTask : OnMembersAddedAsync(people, turnContext, cancellationToken);
    }

    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Answers an invoke; null means "not handled" (501).</summary>
    protected virtual Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.FromResult<InvokeResponse?>(null);

    private async Task HandleInvokeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        turnContext.InvokeResponse = await OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false)
                                     ?? new InvokeResponse(501, null);
    }
}
