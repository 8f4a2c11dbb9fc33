using System.Text.RegularExpressions;

namespace Microneedling.Cli.Tests;

/// <summary>
/// Broken content: the command fails (exit 1) with one message naming file:line, never a stack trace; and
/// --content, MICRONEEDLING_CONTENT and the shipped copy are tried in that order.
/// </summary>
public sealed class ContentFailureTests : IDisposable
{
    private static string ShippedContent => Path.Combine(AppContext.BaseDirectory, "content");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A copy of the shipped content with one claim file made malformed YAML.</summary>
    private (string Content, string BrokenFile) BrokenContent()
    {
        var content = _temp.File("content");
        foreach (var file in Directory.EnumerateFiles(ShippedContent, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(content, Path.GetRelativePath(ShippedContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var broken = Directory.EnumerateFiles(Path.Combine(content, "claims"), "*.yaml").Order(StringComparer.Ordinal).First();
        var id = Path.GetFileNameWithoutExtension(broken);
        File.WriteAllText(broken, $"id: {id}\nclaim: [unclosed\n");
        return (content, Path.GetFileName(broken));
    }

    private static void AssertContentFailure(CliRunner.Result result, string brokenFile)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Matches($@"{Regex.Escape(brokenFile)}:\d+: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--explain")]
    public void Check_with_a_broken_claim_file_fails_naming_file_and_line(params string[] args)
    {
        var (content, broken) = BrokenContent();
        AssertContentFailure(CliRunner.Run("Is microneedling painful?\n", [.. args, "--content", content]), broken);
    }

    [Fact]
    public void Content_given_before_the_command_is_used_too()
    {
        var (content, broken) = BrokenContent();
        AssertContentFailure(CliRunner.Run("Is microneedling painful?\n", "--content", content, "check"), broken);
    }

    [Fact]
    public void Eval_with_a_broken_claim_file_fails_naming_file_and_line()
    {
        var (content, broken) = BrokenContent();
        AssertContentFailure(CliRunner.Run("", "eval", Path.Combine(AppContext.BaseDirectory, "eval", "dev.jsonl"), "--content", content), broken);
    }

    [Fact]
    public void Validate_reads_the_claims_of_the_content_folder()
    {
        var (content, broken) = BrokenContent();
        AssertContentFailure(CliRunner.Run("", "validate", "--content", content), broken);
        var shipped = CliRunner.Run("", "validate", "--content", ShippedContent);
        Assert.Equal(0, shipped.ExitCode);
        Assert.Contains("all valid", shipped.Stdout);
    }

    [Fact]
    public void The_environment_variable_names_the_content_when_no_option_does()
    {
        var (content, broken) = BrokenContent();
        var environment = new Dictionary<string, string> { ["MICRONEEDLING_CONTENT"] = content };
        AssertContentFailure(CliRunner.RunWith(environment, "Is microneedling painful?\n", "check"), broken);
    }

    [Fact]
    public void The_option_wins_over_the_environment_variable()
    {
        var environment = new Dictionary<string, string> { ["MICRONEEDLING_CONTENT"] = "/no/such/content" };
        var result = CliRunner.RunWith(environment, "Is microneedling painful?\n", "check", "--content", ShippedContent);
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Lines);
    }
}
