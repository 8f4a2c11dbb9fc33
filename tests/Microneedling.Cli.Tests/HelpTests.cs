namespace Microneedling.Cli.Tests;

/// <summary>--help on the tool and on every command: exit 0, on stdout, with the options described.</summary>
public sealed class HelpTests
{
    [Fact]
    public void The_tool_help_lists_every_command_and_the_content_option()
    {
        var result = CliRunner.Run("", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "check", "eval", "calibrate", "validate", "teams-package", "--content" })
            Assert.Contains(command, result.Stdout);
    }

    [Theory]
    [InlineData("check", "--explain")]
    [InlineData("eval", "--min-top1")]
    [InlineData("eval", "--max-wrong-answer")]
    [InlineData("eval", "--min-direct")]
    [InlineData("eval", "--max-confident-wrong")]
    [InlineData("calibrate", "--train")]
    [InlineData("calibrate", "--dump")]
    [InlineData("validate", "DIR")]
    [InlineData("teams-package", "--template-dir")]
    public void Each_command_has_help_with_its_options(string command, string option)
    {
        var result = CliRunner.Run("", command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.Stdout);
        Assert.Contains("--content", result.Stdout);
        Assert.Equal("", result.Stderr);
    }
}
