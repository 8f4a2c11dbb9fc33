using Microsoft.Bot.Schema;

namespace Microneedling.BotFramework.Turns;

/// <summary>
/// The answers of recent turns, so a re-delivered activity runs once: in process
/// (<see cref="RecentTurns"/>) for one instance, in Redis (<see cref="RedisRecentTurns"/>) when a
/// re-delivery may land on another instance.
/// </summary>
public interface IRecentTurns
{
    /// <summary>The answer kept for <paramref name="activity"/>, if it ran within the window.</summary>
    Task<TurnAnswer?> FindAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Keeps the answer of a turn that ran to the end.</summary>
    Task RememberAsync(Activity activity, TurnAnswer answer, CancellationToken cancellationToken);
}
