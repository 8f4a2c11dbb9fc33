using Microneedling.BotFramework;
using Microneedling.BotFramework.Schema;
using Microneedling.Dialogs.Flows;

namespace Microneedling.Bot;

/// <summary>
/// The turn handler: says which kind of activity arrived and hands it to the dialogs
/// (<see cref="MainDialog"/>), which decide what to say. People joining are welcomed (the bot's own
/// arrival is filtered by <see cref="ActivityHandler"/>); card actions from Teams arrive as invokes.
/// </summary>
internal sealed class MicroneedlingBot(MainDialog dialogs) : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        dialogs.OnMessageAsync(turnContext, cancellationToken);

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        dialogs.OnMembersAddedAsync(turnContext, cancellationToken);

    protected override async Task<InvokeResponse?> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Name == MainDialog.CardActionInvokeName
            ? await dialogs.OnCardActionInvokeAsync(turnContext, cancellationToken).ConfigureAwait(false)
            : null;
}
