namespace Microneedling.Cli.Tests;

/// <summary>Garbage on the command line: always exit 2, the mistake and a usage line on stderr, nothing on stdout.</summary>
public sealed class ArgumentMistakeTests : IDisposable
{
    private static string DevSet => Path.Combine(AppContext.BaseDirectory, "eval", "dev.jsonl");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void AssertUsageError(CliRunner.Result result, string mentioned)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains(mentioned, result.Stderr);
        Assert.Contains("usage: microneedling", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("check", "--bogus")]
    [InlineData("check", "--explain", "--bogus")]
    [InlineData("eval", "--bogus")]
    [InlineData("calibrate", "--frobnicate")]
    [InlineData("validate", "--bogus")]
    [InlineData("teams-package", "--bogus")]
    public void An_unknown_option_is_a_usage_error(params string[] args) => AssertUsageError(CliRunner.Run("", args), args[^1]);

    [Fact]
    public void An_unknown_figure_is_a_usage_error() =>
        AssertUsageError(CliRunner.Run("", "eval", DevSet, "--min-top4", "0.9"), "--min-top4");

    [Fact]
    public void A_floor_without_a_number_is_a_usage_error() =>
        AssertUsageError(CliRunner.Run("", "eval", DevSet, "--min-top1"), "--min-top1");

    [Theory]
    [InlineData("abc")]
    [InlineData("0,95")]   // read with the invariant culture, whatever the machine's
    [InlineData("NaN")]
    public void A_floor_that_is_not_a_number_is_a_usage_error(string value)
    {
        var result = CliRunner.Run("", "eval", DevSet, "--min-top1", value);
        AssertUsageError(result, "--min-top1");
        Assert.Contains(value, result.Stderr);
    }

    [Fact]
    public void Calibrate_without_train_is_a_usage_error() =>
        AssertUsageError(CliRunner.Run("", "calibrate", "--test", DevSet), "--train");

    [Fact]
    public void Calibrate_with_a_missing_train_file_is_a_usage_error() =>
        AssertUsageError(CliRunner.Run("", "calibrate", "--train", "/no/such/train.jsonl"), "/no/such/train.jsonl");

    [Fact]
    public void Calibrate_with_a_train_file_that_is_not_jsonl_names_the_line()
    {
        var path = _temp.File("train.jsonl");
        File.WriteAllText(path, "{\"q\":\"a\",\"expect\":[],\"kind\":\"ood\"}\nq,expect,kind\n");
        var result = CliRunner.Run("", "calibrate", "--train", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("train.jsonl:2:", result.Stderr);
        Assert.DoesNotContain("wrote", result.Stdout);
    }

    [Fact]
    public void Calibrate_refuses_a_set_both_fitted_on_and_tested_on() =>
        AssertUsageError(CliRunner.Run("", "calibrate", "--train", DevSet, "--test", DevSet), "both fitted on and tested on");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Calibrate_l2_must_be_above_zero(string value) =>
        AssertUsageError(CliRunner.Run("", "calibrate", "--train", DevSet, "--l2", value), "--l2");

    [Theory]
    [InlineData("check")]
    [InlineData("eval")]
    [InlineData("validate")]
    public void A_content_folder_that_does_not_exist_is_a_usage_error(string command)
    {
        string[] args = command == "eval" ? [command, DevSet, "--content", "/no/such/content"] : [command, "--content", "/no/such/content"];
        AssertUsageError(CliRunner.Run("", args), "/no/such/content");
    }

    [Theory]
    [InlineData("--app-id", "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f")]                                       // no --out
    [InlineData("--app-id", "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f", "--out")]                              // --out without a value
    [InlineData("--app-id", "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f", "--app-id", "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f", "--out", "x.zip")]
    [InlineData("--app-id", "not-a-guid", "--out", "x.zip")]
    [InlineData("--app-id", "4f5a8c3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f", "--out", "x.zip", "stray")]
    public void Teams_package_mistakes_are_usage_errors_naming_the_command(params string[] args)
    {
        var result = CliRunner.Run("", ["teams-package", .. args]);
        AssertUsageError(result, "usage: microneedling teams-package");
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
