namespace Microneedling.Dialogs.Rendering;

/// <summary>How many buttons a reply offers. The defaults follow the issue: 2–3 related questions and candidates, 3–4 examples.</summary>
public sealed class ReplyRendererOptions
{
    /// <summary>Related questions under an answer.</summary>
    public int MaxRelatedQuestions { get; set; } = 3;

    /// <summary>Example questions in Welcome, Help and "no checked answer".</summary>
    public int MaxExampleQuestions { get; set; } = 4;

    /// <summary>"Did you mean" candidates (plus "None of these").</summary>
    public int MaxCandidates { get; set; } = 3;
}
