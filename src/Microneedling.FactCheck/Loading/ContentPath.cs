namespace Microneedling.FactCheck;

/// <summary>How content files are named in error messages: relative to the working directory when under it.</summary>
internal static class ContentPath
{
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
