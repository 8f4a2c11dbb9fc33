namespace Microneedling.DirectLine.Conversations;

/// <summary>How a bot turn ended; the service answers 502 BotError / BotTimeout for the last two (§4.1).</summary>
internal enum TurnOutcome
{
    Completed,
    Failed,
    TimedOut,
}
