namespace Microneedling.DirectLine;

/// <summary>
/// A token bucket per caller: in process (<see cref="DirectLineRateLimiter"/>) for one instance,
/// in Redis (<see cref="Redis.RedisRateLimiter"/>) so a caller's limit holds across instances.
/// </summary>
internal interface IDirectLineRateLimiter
{
    /// <summary>Takes one permit; when none is left, returns how long until the next one.</summary>
    Task<TimeSpan?> TryAcquireAsync(string caller, CancellationToken cancellationToken);

    /// <summary>Forgets callers whose bucket has refilled (Redis does this with TTLs).</summary>
    void Prune();
}
