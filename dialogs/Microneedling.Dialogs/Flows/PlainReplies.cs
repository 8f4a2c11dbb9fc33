namespace Microneedling.Dialogs.Flows;

/// <summary>
/// The few short texts the flows send outside the renderer's layouts: a button value that could
/// not be used, and a prompt given up on. Plain text renders the same on every channel.
/// </summary>
internal static class PlainReplies
{
    public const string UnreadableButton =
        "Sorry, I couldn't read that button press. Please type your question, or say \"help\" to see what I can do.";

    public const string UnknownClaim =
        "Sorry, I can't find that question any more (my list of checked claims may have changed). Please type your question again.";

    public const string GaveUp =
        "Let's leave that one: I couldn't tell which question you meant. Ask me again in other words whenever you like, or say \"help\".";
}
