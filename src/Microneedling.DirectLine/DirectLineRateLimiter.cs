using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>
/// A token bucket per caller (one conversation's tokens, or one client address for the page's token
/// endpoint): <see cref="DirectLineOptions.RateLimitBurst"/> requests at once, refilled at
/// <see cref="DirectLineOptions.RateLimitPerSecond"/>. Over the limit the caller gets 429 with Retry-After.
/// </summary>
internal sealed class DirectLineRateLimiter(IOptions<DirectLineOptions> options, TimeProvider clock) : IDirectLineRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public Task<TimeSpan?> TryAcquireAsync(string caller, CancellationToken cancellationToken) => Task.FromResult(TryAcquire(caller));

    /// <summary>Takes one permit; when none is left, returns how long until the next one.</summary>
    public TimeSpan? TryAcquire(string caller)
    {
        var now = clock.GetUtcNow();
        var burst = options.Value.RateLimitBurst;
        var rate = options.Value.RateLimitPerSecond;
        var bucket = _buckets.GetOrAdd(caller, _ => new Bucket(burst, now));
        lock (bucket)
        {
            bucket.Permits = Math.Min(burst, bucket.Permits + (now - bucket.UpdatedAt).TotalSeconds * rate);
            bucket.UpdatedAt = now;
            if (bucket.Permits >= 1)
            {
                bucket.Permits -= 1;
                return null;
            }
            return TimeSpan.FromSeconds((1 - bucket.Permits) / rate);
        }
    }

    /// <summary>Forgets callers whose bucket has refilled, so the table stays as small as the active set.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow();
        var burst = options.Value.RateLimitBurst;
        var rate = options.Value.RateLimitPerSecond;
        foreach (var (caller, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.Permits + (now - bucket.UpdatedAt).TotalSeconds * rate >= burst) _buckets.TryRemove(caller, out _);
            }
        }
    }

    private sealed class Bucket(double permits, DateTimeOffset updatedAt)
    {
        public double Permits { get; set; } = permits;
        public DateTimeOffset UpdatedAt { get; set; } = updatedAt;
    }
}
