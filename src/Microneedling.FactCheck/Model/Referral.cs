namespace Microneedling.FactCheck;

/// <summary>A claim's referral advice: the level and the words the bot says.</summary>
public sealed record Referral(ReferralLevel Level, string Wording);
