namespace Microneedling.Cli.Tests;

public sealed class EvalAndValidateCommandTests
{
    private static string DevSet => Path.Combine(AppContext.BaseDirectory, "eval", "dev.jsonl");

    [Fact]
    public void Eval_prints_the_scorer_figures_and_passes_the_issue_floors()
    {
        var result = CliRunner.Run("", "eval", DevSet, "--min-top1", "0.95", "--min-ood", "0.95", "--min-redflag", "1", "--min-emergency", "1", "--max-wrong-answer", "0.02");
        Assert.Equal(0, result.ExitCode);
        var last = result.Lines.Last();
        Assert.StartsWith("top1=", last);
        foreach (var figure in new[] { "top1", "top3", "wrong_answer", "multi_all", "ood", "redflag", "emergency", "contra_referral", "false_alarm", "direct", "clarify", "confident_wrong", "calm_alarm" })
            Assert.Contains(figure + "=", last);
    }

    [Fact]
    public void Eval_exits_non_zero_under_a_floor_it_cannot_meet()
    {
        var result = CliRunner.Run("", "eval", DevSet, "--min-top1", "1.01");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("FAIL top1 ", result.Lines.Last());
    }

    [Fact]
    public void Eval_exits_non_zero_over_a_ceiling_it_cannot_meet()
    {
        var result = CliRunner.Run("", "eval", DevSet, "--max-top1", "0.5", "--max-confident-wrong", "1");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("FAIL top1 ", result.Lines.Last());
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("eval", "/no/such/file.jsonl")]
    [InlineData("eval", "x.jsonl", "--min-top1")]
    [InlineData("eval", "x.jsonl", "--min-bogus", "1")]
    public void Eval_argument_mistakes_are_usage_errors(params string[] args)
    {
        var result = CliRunner.Run("", args);
        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public void Eval_rejects_a_malformed_file_naming_the_line()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{\"q\":\"a\",\"expect\":[],\"kind\":\"ood\"}\nnot json at all\n");
        var result = CliRunner.Run("", "eval", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(":2:", result.Stderr);
    }

    [Fact]
    public void Validate_accepts_the_shipped_claims()
    {
        var result = CliRunner.Run("", "validate", Path.Combine(AppContext.BaseDirectory, "content", "claims"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("all valid", result.Stdout);
    }

    [Fact]
    public void Validate_lists_every_problem_with_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("validate-").FullName;
        File.WriteAllText(Path.Combine(dir, "a.yaml"), "id: a\nclaim: x\nverdict: maybe\n");
        File.WriteAllText(Path.Combine(dir, "b.yaml"), "id: b\nclaim: [unclosed\n");
        var result = CliRunner.Run("", "validate", dir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a.yaml:3: verdict:", result.Stderr);
        Assert.Contains("a.yaml:1: answer: is missing", result.Stderr);
        Assert.Contains("b.yaml:", result.Stderr);
        Assert.Contains("problem(s) found", result.Stderr);
    }

    [Fact]
    public void Validate_of_a_folder_that_does_not_exist_is_a_usage_error()
    {
        var result = CliRunner.Run("", "validate", "/no/such/claims");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/no/such/claims", result.Stderr);
    }

    [Fact]
    public void No_command_and_unknown_command_print_usage()
    {
        var none = CliRunner.Run("");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("usage:", none.Stderr);
        var unknown = CliRunner.Run("", "frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown command", unknown.Stderr);
    }
}
