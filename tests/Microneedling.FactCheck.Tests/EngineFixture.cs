using Microneedling.FactCheck;

namespace Microneedling.FactCheck.Tests;

/// <summary>One engine over the shipped content, shared by every test class in the collection.</summary>
public sealed class EngineFixture
{
    public FactChecker Engine { get; } = FactChecker.Load();

    public static string EvalFile(string name) => Path.Combine(AppContext.BaseDirectory, "eval", name);

    /// <summary>The repository root (the folder holding Microneedling.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Microneedling.sln"))) return dir.FullName;
            throw new InvalidOperationException("Microneedling.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
