using System.Text.Json.Nodes;

namespace Microneedling.Dialogs.Dialogs;

/// <summary>What a waterfall step sees: the dialog context, the options the dialog began with, the values earlier steps kept, and the result of the step before.</summary>
public sealed class WaterfallStepContext(DialogContext dc, JsonObject values, JsonNode? result)
{
    public DialogContext Dialogs { get; } = dc;

    /// <summary>Kept between steps (and turns) in the dialog's state; the begin options are under "options".</summary>
    public JsonObject Values { get; } = values;

    /// <summary>What the previous step's child dialog (a prompt) returned, or the begin options for the first step.</summary>
    public JsonNode? Result { get; } = result;
}
