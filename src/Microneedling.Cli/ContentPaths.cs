namespace Microneedling.Cli;

/// <summary>
/// Where the content lives. Curators run the CLI from a checkout, so the source folder
/// (src/Microneedling.FactCheck/content, found by walking up from the working directory) wins;
/// otherwise the copy shipped next to the executable is used. MICRONEEDLING_CONTENT names another folder.
/// </summary>
internal static class ContentPaths
{
    private const string SourceRelative = "src/Microneedling.FactCheck/content";

    public static string ContentDirectory { get; } = Find();

    public static string ClaimsDirectory => Path.Combine(ContentDirectory, "claims");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("MICRONEEDLING_CONTENT") is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SourceRelative);
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "content");
    }
}
