using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Microneedling.DirectLine.Tests.Redis;

/// <summary>A bot whose every message turn reads a counter from the conversation state, adds one, saves it and says the new value.</summary>
public sealed class CountingBot(ConversationState state) : IBot
{
    private readonly IStatePropertyAccessor<int> _count = state.CreateProperty<int>("count");

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (turnContext.Activity.Type != ActivityTypes.Message) return;
        var count = await _count.GetAsync(turnContext, () => 0, cancellationToken) + 1;
        await _count.SetAsync(turnContext, count, cancellationToken);
        await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        await turnContext.SendActivityAsync("count " + count, cancellationToken: cancellationToken);
    }
}
