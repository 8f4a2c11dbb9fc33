namespace Microneedling.Deployment.Tests;

/// <summary>Finds the checkout the tests were built from (the folder holding deploymentTemplates/).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DeploymentTemplates => Path.Combine(Root, "deploymentTemplates");

    public static string TeamsTemplateDirectory => Path.Combine(DeploymentTemplates, "teams");

    /// <summary>The official schemas restored by the test project's build (npm @microsoft/app-manifest).</summary>
    public static string TeamsSchemas => Path.Combine(Root, "tests", "Microneedling.Deployment.Tests", "teams-schema",
        "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams");

    public static string Template(string name) => Path.Combine(DeploymentTemplates, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "deploymentTemplates")) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no deploymentTemplates/ above {AppContext.BaseDirectory}");
    }
}
