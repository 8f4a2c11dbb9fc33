namespace Microneedling.Cli;

/// <summary>
/// Where the content lives: the folder given with <c>--content</c>; else the one MICRONEEDLING_CONTENT names;
/// else, as curators run the CLI from a checkout, the source folder (src/Microneedling.FactCheck/content,
/// found by walking up from the working directory); else the copy shipped next to the executable.
/// </summary>
internal static class ContentPaths
{
    private const string SourceRelative = "src/Microneedling.FactCheck/content";

    public static string ContentDirectory(DirectoryInfo? given) => given?.FullName ?? Find();

    public static string ClaimsDirectory(string contentDirectory) => Path.Combine(contentDirectory, "claims");

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
