using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Microneedling.DirectLine.Tests;

/// <summary>
/// A small bot for protocol tests: greets on conversationUpdate, echoes messages (and says which user
/// id it saw), throws on "fail", waits for <see cref="Release"/> on "slow", sends two replies on "twice".
/// </summary>
public sealed class EchoBot : IBot
{
    private TaskCompletionSource _slow = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<Activity> Received { get; } = [];

    public void Release() => Interlocked.Exchange(ref _slow, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        lock (Received) Received.Add(activity);
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            await turnContext.SendActivityAsync("welcome", cancellationToken: cancellationToken);
            return;
        }
        if (activity.Type != ActivityTypes.Message) return;
        switch (activity.Text)
        {
            case "fail":
                throw new InvalidOperationException("The test bot fails on purpose.");
            case "slow":
                await _slow.Task.WaitAsync(cancellationToken);
                await turnContext.SendActivityAsync("finally", cancellationToken: cancellationToken);
                return;
            case "whoami":
                await turnContext.SendActivityAsync("you are " + activity.From?.Id, cancellationToken: cancellationToken);
                return;
            case "twice":
                await turnContext.SendActivityAsync("one", cancellationToken: cancellationToken);
                await turnContext.SendActivityAsync("two", cancellationToken: cancellationToken);
                return;
            default:
                await turnContext.SendActivityAsync("echo: " + activity.Text, cancellationToken: cancellationToken);
                return;
        }
    }
}
