namespace Microneedling.FactCheck;

/// <summary>How strongly the bot refers the person on. Ordered: a higher value always wins.</summary>
public enum ReferralLevel
{
    /// <summary>General information is enough.</summary>
    None = 0,

    /// <summary>See a board-certified dermatologist before trying or continuing.</summary>
    Dermatologist = 1,

    /// <summary>Get medical care today.</summary>
    Urgent = 2,

    /// <summary>Call emergency services now.</summary>
    Emergency = 3,
}

/// <summary>The spellings used in claim files and CLI output.</summary>
public static class ReferralLevelNames
{
    public static string ToName(this ReferralLevel level) => level switch
    {
        ReferralLevel.None => "none",
        ReferralLevel.Dermatologist => "dermatologist",
        ReferralLevel.Urgent => "urgent",
        ReferralLevel.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string? name, out ReferralLevel level)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "none": level = ReferralLevel.None; return true;
            case "dermatologist": level = ReferralLevel.Dermatologist; return true;
            case "urgent": level = ReferralLevel.Urgent; return true;
            case "emergency": level = ReferralLevel.Emergency; return true;
            default: level = default; return false;
        }
    }

    /// <summary>The higher of two levels.</summary>
    public static ReferralLevel Max(ReferralLevel a, ReferralLevel b) => a >= b ? a : b;
}
