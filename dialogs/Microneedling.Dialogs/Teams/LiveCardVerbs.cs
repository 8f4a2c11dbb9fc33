namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The Action.Execute verbs of <see cref="SharedClaimCard"/>: the bot answers them with a card (the
/// claim's current one), unlike the chat answer's buttons, which are answered in the conversation.
/// </summary>
public static class LiveCardVerbs
{
    public const string Refresh = "claim-refresh";
    public const string Feedback = "claim-feedback";

    public static bool IsLive(string? verb) => verb is Refresh or Feedback;
}
