namespace Microneedling.FactCheck;

/// <summary>
/// The engine's front door: load the content once, then <see cref="Check"/> messages. Thread-safe
/// after construction; deterministic; no I/O per message.
/// </summary>
public sealed class FactChecker
{
    /// <summary>The content folder shipped next to the application (claims/, vocabulary.yaml, red-flags.yaml).</summary>
    public static string DefaultContentDirectory => Path.Combine(AppContext.BaseDirectory, "content");

    private FactChecker(ClaimSet claims)
    {
        Claims = claims;
    }

    public ClaimSet Claims { get; }

    /// <summary>Loads and validates the content folder; throws <see cref="ContentException"/> naming file:line on any problem.</summary>
    public static FactChecker Load(string? contentDirectory = null)
    {
        var dir = contentDirectory ?? DefaultContentDirectory;
        var claims = ClaimSetLoader.Load(Path.Combine(dir, "claims"));
        return new FactChecker(claims);
    }

    /// <summary>Fact-checks one message of any length or content.</summary>
    public FactCheckResult Check(string? message)
    {
        _ = message;
        throw new NotImplementedException("matcher lands next");
    }
}
