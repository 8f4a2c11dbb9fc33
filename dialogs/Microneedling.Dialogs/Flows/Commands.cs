
namespace Microneedling.Dialogs.Flows;

/// <summary>Recognises a command when the whole message is one ("Help!", "start over", "sources?").</summary>
public static class Commands
{
    private static readonly Dictionary<string, Command> Words = new(StringComparer.Ordinal)
    {
        ["hi"] = Command.Greeting,
        ["hello"] = Command.Greeting,
        ["hey"] = Command.Greeting,
        ["hi there"] = Command.Greeting,
        ["hello there"] = Command.Greeting,
        ["start"] = Command.Greeting,
        ["help"] = Command.Help,
        ["menu"] = Command.Help,
        ["what can you do"] = Command.Help,
        ["start over"] = Command.StartOver,
        ["start again"] = Command.StartOver,
        ["restart"] = Command.StartOver,
        ["reset"] = Command.StartOver,
        ["cancel"] = Command.StartOver,
        ["sources"] = Command.Sources,
        ["source"] = Command.Sources,
        ["show sources"] = Command.Sources,
        ["references"] = Command.Sources,
    };

    public static Command Recognize(string? text) =>
        Words.GetValueOrDefault(ChoiceRecognizer.Normalize(text), Command.None);
}
