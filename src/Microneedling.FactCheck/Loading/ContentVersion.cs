using System.Security.Cryptography;
using System.Text;

namespace Microneedling.FactCheck;

/// <summary>
/// A short fingerprint of a content folder: SHA-256 over every content file's relative path and bytes,
/// in ordinal path order. Two hosts serving the same files report the same version, and any edit to a
/// claim, the vocabulary, the red flags or the fitted model changes it.
/// </summary>
public static class ContentVersion
{
    private static readonly string[] Patterns = ["*.yaml", "*.yml", "*.json"];

    public static string Of(string contentDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Patterns
            .SelectMany(p => Directory.EnumerateFiles(contentDirectory, p, SearchOption.AllDirectories))
            .Select(f => (Full: f, Relative: Path.GetRelativePath(contentDirectory, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (full, relative) in files)
        {
            // The path and a separator first, so moving bytes between files changes the hash too.
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            hash.AppendData(File.ReadAllBytes(full));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
