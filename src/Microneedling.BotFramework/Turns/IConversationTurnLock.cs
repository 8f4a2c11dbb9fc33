namespace Microneedling.BotFramework.Turns;

/// <summary>
/// The per-conversation turn lock every transport's turns go through: in process
/// (<see cref="ConversationTurnLock"/>) for one instance, a lease in Redis
/// (<see cref="RedisTurnLock"/>) when several instances share a conversation.
/// </summary>
public interface IConversationTurnLock
{
    /// <summary>How many conversations have a turn of this instance running or waiting.</summary>
    int Count { get; }

    /// <summary>
    /// Waits at most <paramref name="timeout"/> for the conversation's turn; null when it stayed
    /// taken. Dispose the lease to let the next turn in.
    /// </summary>
    Task<IDisposable?> TryEnterAsync(string key, TimeSpan timeout, CancellationToken cancellationToken);
}
