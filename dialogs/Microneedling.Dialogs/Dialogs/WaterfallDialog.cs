using System.Text.Json.Nodes;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>
/// A dialog made of steps run in order, as Bot Builder's WaterfallDialog: a step either begins a
/// child (a prompt) and waits, whose result goes to the next step, or ends the dialog. The step
/// index and the step values live in the dialog's state on the stack.
/// </summary>
public class WaterfallDialog : Dialog
{
    private readonly List<WaterfallStep> _steps;

    public WaterfallDialog(string id, IEnumerable<WaterfallStep>? steps = null) : base(id) =>
        _steps = steps?.ToList() ?? [];

    /// <summary>Adds a step (subclasses add theirs in the constructor).</summary>
    protected void AddStep(WaterfallStep step) => _steps.Add(step);

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, JsonNode? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        dc.State["values"] = new JsonObject { ["options"] = options };
        return RunStepAsync(dc, 0, options, cancellationToken);
    }

    /// <summary>A waterfall hears from the person through its child prompts; a bare message moves on to the next step.</summary>
    public override Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken) =>
        ResumeAsync(dc, null, cancellationToken);

    public override Task<DialogTurnResult> ResumeAsync(DialogContext dc, JsonNode? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var next = ((int?)dc.State["step"] ?? 0) + 1;
        return RunStepAsync(dc, next, result, cancellationToken);
    }

    private Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, JsonNode? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count) return dc.EndDialogAsync(result, cancellationToken);
        dc.State["step"] = index;
        if (dc.State["values"] is not JsonObject values)
        {
            values = [];
            dc.State["values"] = values;
        }
        return _steps[index](new WaterfallStepContext(dc, values, result), cancellationToken);
    }
}
