using System.Text.Json.Nodes;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>
/// One step of a conversation that can span turns, as Bot Builder's Dialog: it begins, may wait
/// for the next message (its state stays on the stack in conversation state, so it survives
/// between turns and across instances), and ends with a result for the dialog below it.
/// Dialogs hold no per-conversation fields: everything per conversation is in <see cref="DialogContext.State"/>.
/// </summary>
public abstract class Dialog(string id)
{
    public string Id { get; } = id;

    /// <summary>Starts the dialog with the options it was begun with.</summary>
    public abstract Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken);

    /// <summary>The person answered while this dialog was on top. By default the dialog ends.</summary>
    public virtual Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>A child dialog this one began has ended with <paramref name="result"/>. By default the dialog ends with it.</summary>
    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }
}
