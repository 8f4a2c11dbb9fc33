namespace Microneedling.Dialogs.Teams;

/// <summary>The Teams invoke names the SDK's <c>TeamsActivityHandler</c> reads a typed value for, and those this bot answers.</summary>
public static class TeamsInvokes
{
    public const string Query = "composeExtension/query";
    public const string QueryLink = "composeExtension/queryLink";
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";

    /// <summary>Whether the SDK casts the invoke's value to a Teams type (and fails on a null one).</summary>
    public static bool ReadsValue(string? name) =>
        name is not null
        && (name.StartsWith("composeExtension/", StringComparison.Ordinal)
            || name.StartsWith("task/", StringComparison.Ordinal)
            || name.StartsWith("tab/", StringComparison.Ordinal)
            || name.StartsWith("config/", StringComparison.Ordinal)
            || name is "fileConsent/invoke" or "actionableMessage/executeAction");

    /// <summary>The message extension's invokes, answered by <see cref="ClaimSearchExtension"/> and <see cref="MessageCheckAction"/>.</summary>
    public static bool Handled(string? name) => name is Query or QueryLink or FetchTask or SubmitAction;
}
