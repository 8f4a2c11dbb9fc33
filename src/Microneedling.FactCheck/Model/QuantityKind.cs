namespace Microneedling.FactCheck;

/// <summary>The quantities the engine reads from a message and that claims can speak to.</summary>
public enum QuantityKind
{
    /// <summary>Needle length in millimetres.</summary>
    NeedleLength,

    /// <summary>How often, in sessions per week.</summary>
    Frequency,

    /// <summary>A gap between sessions ("every 6 weeks"), in weeks.</summary>
    Interval,

    /// <summary>A span of time ("12 months", "3 days"), in days.</summary>
    Duration,

    /// <summary>
    /// How long a skin reaction (redness, swelling, peeling...) has lasted, in days: a span of time in
    /// a message that names such a reaction ("still red 10 days after"), also read as a <see cref="Duration"/>.
    /// Kept apart so a rule about how long redness lasts does not answer "6 months after Accutane".
    /// </summary>
    ReactionDuration,
}

public static class QuantityKindNames
{
    public static string ToName(this QuantityKind kind) => kind switch
    {
        QuantityKind.NeedleLength => "needle-length",
        QuantityKind.Frequency => "frequency",
        QuantityKind.Interval => "interval",
        QuantityKind.Duration => "duration",
        QuantityKind.ReactionDuration => "reaction-duration",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The unit a kind's values are stored in, for messages.</summary>
    public static string Unit(this QuantityKind kind) => kind switch
    {
        QuantityKind.NeedleLength => "mm",
        QuantityKind.Frequency => "times a week",
        QuantityKind.Interval => "weeks",
        QuantityKind.Duration => "days",
        QuantityKind.ReactionDuration => "days",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? name, out QuantityKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "needle-length": kind = QuantityKind.NeedleLength; return true;
            case "frequency": kind = QuantityKind.Frequency; return true;
            case "interval": kind = QuantityKind.Interval; return true;
            case "duration": kind = QuantityKind.Duration; return true;
            case "reaction-duration": kind = QuantityKind.ReactionDuration; return true;
            default: kind = default; return false;
        }
    }
}
