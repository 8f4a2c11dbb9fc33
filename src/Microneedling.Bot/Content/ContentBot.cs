using Microsoft.Bot.Builder;

namespace Microneedling.Bot.Content;

/// <summary>
/// The <see cref="IBot"/> the adapter and Direct Line run: each turn goes, start to end, to the bot of
/// the content set that was current when the turn began (hot reload swaps sets between turns).
/// </summary>
internal sealed class ContentBot(FactCheckContent content) : IBot
{
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
        content.Current.Bot.OnTurnAsync(turnContext, cancellationToken);
}
