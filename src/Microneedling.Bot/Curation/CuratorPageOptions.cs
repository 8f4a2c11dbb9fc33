namespace Microneedling.Bot.Curation;

/// <summary>
/// The curators' page (<c>/curation</c>), bound from the "Curation" section. Off unless
/// <see cref="ApiKey"/> is set: without it the page's paths answer 404, so it is never open by default.
/// </summary>
internal sealed class CuratorPageOptions
{
    public const string Section = "Curation";

    /// <summary>Shortest key accepted: a guessable key would make the questions (health data) readable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>The curators' key (a secret: set it from a vault or an environment variable, never in a committed file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long a browser sign-in lasts (default 8 hours), then the key is asked again.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts allowed per client address per minute (default 10): a key cannot be guessed at speed.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    public bool Enabled => !string.IsNullOrEmpty(ApiKey);

    public IEnumerable<string> Problems()
    {
        if (ApiKey is { Length: > 0 } key && (key.Trim().Length < MinKeyLength || key.Trim().Length != key.Length))
            yield return $"Curation:ApiKey must be at least {MinKeyLength} characters, without leading or trailing spaces.";
        if (SignInLifetime < TimeSpan.FromMinutes(5) || SignInLifetime > TimeSpan.FromDays(30))
            yield return "Curation:SignInLifetime must be between 00:05:00 and 30.00:00:00.";
        if (SignInAttemptsPerMinute is < 1 or > 1000)
            yield return "Curation:SignInAttemptsPerMinute must be between 1 and 1000.";
    }
}
