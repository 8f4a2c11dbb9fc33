namespace Microneedling.Dialogs;

/// <summary>Conversation limits and choices, bound from the "Dialogs" configuration section.</summary>
public sealed record DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>Longer messages are not checked: a question is a sentence or two.</summary>
    public int MaxQuestionLength { get; init; } = 10_000;

    /// <summary>How many times a prompt is re-asked after an answer it could not use before it gives up.</summary>
    public int MaxReprompts { get; init; } = 2;

    /// <summary>Most claims answered for one message.</summary>
    public int MaxAnswers { get; init; } = 3;

    /// <summary>
    /// Most candidates offered in "did you mean" (plus "None of these"): the prompt offers them, the
    /// card shows them and a typed number picks among them — one limit, so "4" can never answer a
    /// candidate the card did not show.
    /// </summary>
    public int MaxCandidates { get; init; } = 3;

    /// <summary>A candidate beyond the first two is offered only when it scores at least this share of the best one.</summary>
    public double CandidateShare { get; init; } = 0.8;

    /// <summary>Most related questions offered under an answer.</summary>
    public int MaxRelated { get; init; } = 3;

    /// <summary>Example questions in the welcome, help and "no checked answer" replies.</summary>
    public int MaxExamples { get; init; } = 4;

    /// <summary>
    /// Claims suggested in the welcome and help (ids; ones missing from the claim set are skipped);
    /// empty means <see cref="DefaultSuggestedClaimIds"/>. (Empty by default because the
    /// configuration binder adds configured items to a list's defaults instead of replacing them.)
    /// </summary>
    public IReadOnlyList<string> SuggestedClaimIds { get; init; } = [];

    /// <summary>The suggestions when none are configured: common home-use questions and a contraindication.</summary>
    public static IReadOnlyList<string> DefaultSuggestedClaimIds { get; } =
        ["home-frequency", "home-needle-length", "isotretinoin", "depth-only-top-layer"];

    /// <summary>The configured suggestions, or the defaults.</summary>
    public IReadOnlyList<string> SuggestedClaimIdsOrDefault => SuggestedClaimIds.Count > 0 ? SuggestedClaimIds : DefaultSuggestedClaimIds;

    /// <summary>Whether the values make sense; a message per problem.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxQuestionLength < 1) yield return "Dialogs:MaxQuestionLength must be at least 1.";
        if (MaxReprompts < 0) yield return "Dialogs:MaxReprompts must not be negative.";
        if (MaxAnswers < 1) yield return "Dialogs:MaxAnswers must be at least 1.";
        if (MaxCandidates < 2) yield return "Dialogs:MaxCandidates must be at least 2.";
        if (CandidateShare is < 0 or > 1) yield return "Dialogs:CandidateShare must be between 0 and 1.";
        if (MaxRelated < 0) yield return "Dialogs:MaxRelated must not be negative.";
        if (MaxExamples < 0) yield return "Dialogs:MaxExamples must not be negative.";
    }
}
