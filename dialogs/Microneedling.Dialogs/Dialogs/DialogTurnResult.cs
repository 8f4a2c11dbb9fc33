using System.Text.Json.Nodes;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>Where the dialog stack stands after a turn, as Bot Builder's DialogTurnStatus.</summary>
public enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>A dialog waits for the person's next message (its state is on the stack).</summary>
    Waiting,

    /// <summary>The last dialog ended; <see cref="DialogTurnResult.Result"/> holds what it returned.</summary>
    Complete,

    /// <summary>The stack was cleared.</summary>
    Cancelled,
}

/// <summary>What a dialog step returned: whether the stack waits, and the result of a finished dialog.</summary>
public sealed record DialogTurnResult(DialogTurnStatus Status, JsonNode? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);
}
