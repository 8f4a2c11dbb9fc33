namespace Microneedling.Dialogs.Dialogs;

/// <summary>The dialogs a conversation can run, by id (the id is what the stack stores).</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        foreach (var dialog in dialogs)
        {
            if (!_dialogs.TryAdd(dialog.Id, dialog))
                throw new ArgumentException($"Two dialogs have the id '{dialog.Id}'.", nameof(dialogs));
        }
    }

    public Dialog? Find(string? id) => id is null ? null : _dialogs.GetValueOrDefault(id);
}
