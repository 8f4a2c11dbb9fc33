namespace Microneedling.Dialogs.Flows;

/// <summary>The words the bot treats as commands rather than questions.</summary>
public enum Command
{
    None,
    Greeting,
    Help,
    StartOver,
    Sources,
}
