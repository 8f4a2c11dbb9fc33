namespace Microneedling.BotFramework;

/// <summary>The bot's logic for one turn.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>Runs around every turn (logging, state, typing...): call <c>next</c> to go on.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken);
}
