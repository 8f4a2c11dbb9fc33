using System.Text.Json.Nodes;
using Microneedling.BotFramework;
using Microneedling.Dialogs.Flows;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>
/// The dialog stack of one conversation during one turn, as Bot Builder's DialogContext. The stack
/// is a JSON array inside the conversation state (each entry <c>{"id", "state"}</c>), so it is saved
/// with that state's ETag at the end of the turn.
/// </summary>
public sealed class DialogContext
{
    private readonly DialogSet _dialogs;
    private readonly JsonArray _stack;

    public DialogContext(DialogSet dialogs, ITurnContext context, ConversationData conversation, TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        _dialogs = dialogs;
        Context = context;
        Conversation = conversation;
        _stack = conversation.DialogStack;
        Input = input;
    }

    public ITurnContext Context { get; }

    /// <summary>The conversation's state (saved at the end of the turn).</summary>
    public ConversationData Conversation { get; }

    /// <summary>What the person sent this turn, already read (text or button value).</summary>
    public TurnInput Input { get; }

    /// <summary>The id of the dialog on top of the stack, or null when none is active.</summary>
    public string? ActiveDialogId => Top is { } top ? (string?)top["id"] : null;

    /// <summary>The state of the dialog on top of the stack (kept between turns).</summary>
    public JsonObject State => Top?["state"] as JsonObject
                               ?? throw new InvalidOperationException("No dialog is active: State is only readable inside a dialog.");

    private JsonObject? Top => _stack.Count > 0 ? _stack[^1] as JsonObject : null;

    public async Task<DialogTurnResult> BeginDialogAsync(string id, JsonNode? options, CancellationToken cancellationToken)
    {
        var dialog = _dialogs.Find(id) ?? throw new InvalidOperationException($"No dialog with the id '{id}' is registered.");
        _stack.Add(new JsonObject { ["id"] = id, ["state"] = new JsonObject() });
        return await dialog.BeginAsync(this, options?.DeepClone(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands this turn's input to the dialog on top. Empty when no dialog could take it: none waits,
    /// or the stack was saved by another version (a dialog that no longer exists) and was dropped.
    /// </summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken)
    {
        if (_stack.Count == 0) return new DialogTurnResult(DialogTurnStatus.Empty);
        if (_dialogs.Find(ActiveDialogId) is not { } dialog) return DropUnusableStack();
        return await dialog.ContinueAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears a stack whose saved state cannot be used; the turn goes on as if none waited.</summary>
    public DialogTurnResult DropUnusableStack()
    {
        _stack.Clear();
        return new DialogTurnResult(DialogTurnStatus.Empty);
    }

    /// <summary>Pops the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(JsonNode? result, CancellationToken cancellationToken)
    {
        if (_stack.Count > 0) _stack.RemoveAt(_stack.Count - 1);
        if (_stack.Count == 0) return new DialogTurnResult(DialogTurnStatus.Complete, result);
        if (_dialogs.Find(ActiveDialogId) is not { } parent) return DropUnusableStack();
        return await parent.ResumeAsync(this, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears the stack ("start over", a new question, or a prompt given up on).</summary>
    public DialogTurnResult CancelAllDialogs()
    {
        _stack.Clear();
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }
}
