using Microneedling.Dialogs.Flows;
using Newtonsoft.Json;

namespace Microneedling.Dialogs.State;

/// <summary>
/// A "did you mean" prompt waiting on the dialog stack between turns: the question it was asked
/// for, the candidate claims offered (in button order, so "2" means the second) and how often it
/// was re-asked. A frame whose <see cref="Id"/> this version does not know is dropped.
/// </summary>
public sealed class PromptFrame
{
    [JsonProperty("id")]
    public string Id { get; set; } = DidYouMeanDialog.DialogId;

    [JsonProperty("question")]
    public string Question { get; set; } = "";

    [JsonProperty("candidates")]
    public List<string> CandidateIds { get; set; } = [];

    [JsonProperty("reprompts")]
    public int Reprompts { get; set; }
}
