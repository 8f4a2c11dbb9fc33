namespace Microneedling.Dialogs.Teams;

/// <summary>
/// The message extension's command ids and parameter name: the contract with the app manifest
/// (deploymentTemplates/teams/manifest.template.json, <c>composeExtensions[0].commands</c>).
/// </summary>
public static class TeamsCommands
{
    /// <summary>The search command (type query) in the compose box and command box.</summary>
    public const string Search = "searchClaims";

    /// <summary>The search command's one parameter.</summary>
    public const string SearchParameter = "query";

    /// <summary>Teams' parameter on the default query sent when the command opens (<c>initialRun</c>).</summary>
    public const string InitialRun = "initialRun";

    /// <summary>"Fact-check this message" on a message's "..." menu (type action, fetchTask).</summary>
    public const string CheckMessage = "factCheckMessage";
}
