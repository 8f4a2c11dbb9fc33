namespace Microneedling.Bot.Tests;

/// <summary>
/// A start-up that cannot succeed ends the process with exit code 1 and one clear message on stderr:
/// never an unhandled exception's stack trace and SIGABRT (exit 134), as a broken claim file once did.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _content = Path.Combine(Path.GetTempPath(), "broken-content-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_content, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail the test
        }
    }

    [Fact]
    public async Task A_broken_claim_file_exits_1_with_its_file_and_line_and_no_stack_trace()
    {
        HostProcess.CopyContent(_content);
        var claim = Path.Combine(_content, "claims", "acne-scars.yaml");
        File.WriteAllText(claim, File.ReadAllText(claim).Replace("verdict:", "verdict: [unclosed", StringComparison.Ordinal));

        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["Content:Path"] = _content }, Timeout);

        Assert.Equal(1, exit.Code);
        Assert.Contains("acne-scars.yaml:", exit.Error, StringComparison.Ordinal);
        AssertNoStackTrace(exit);
    }

    [Fact]
    public async Task Redis_chosen_without_a_connection_string_exits_1_naming_the_missing_key()
    {
        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["Storage:Provider"] = "redis" }, Timeout);

        Assert.Equal(1, exit.Code);
        Assert.Contains("ConnectionStrings:Redis", exit.Error, StringComparison.Ordinal);
        AssertNoStackTrace(exit);
    }

    [Fact]
    public async Task A_missing_sentence_model_exits_1_naming_the_file()
    {
        var missing = Path.Combine(_content, "no-such-model.dll");
        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["Matching:ModelPath"] = missing }, Timeout);

        Assert.Equal(1, exit.Code);
        Assert.Contains("no-such-model.dll", exit.Error, StringComparison.Ordinal);
        Assert.Contains("Matching:Semantic=false", exit.Error, StringComparison.Ordinal);
        AssertNoStackTrace(exit);
    }

    [Fact]
    public async Task A_corrupt_sentence_model_exits_1_naming_the_file()
    {
        Directory.CreateDirectory(_content);
        var corrupt = Path.Combine(_content, "corrupt-model.dll");
        File.WriteAllBytes(corrupt, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["Matching:ModelPath"] = corrupt }, Timeout);

        Assert.Equal(1, exit.Code);
        Assert.Contains("corrupt-model.dll", exit.Error, StringComparison.Ordinal);
        AssertNoStackTrace(exit);
    }

    [Theory]
    [InlineData("Telemetry:Otlp:Endpoint", "not a uri")]
    [InlineData("Telemetry:Otlp:Endpoint", "localhost:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector")]
    [InlineData("Telemetry:Console", "yes")]
    [InlineData("Telemetry:Otlp:Protocol", "udp")]
    [InlineData("Messages:MaxBodyBytes", "-5")]
    [InlineData("Storage:Provider", "floppy")]
    [InlineData("DirectLine:TokenKey", "short")]
    [InlineData("DirectLine:MaxConversations", "0")]
    [InlineData("Dialogs:MaxCandidates", "1")]
    [InlineData("PublicPages:BaseUrl", "facts.example.org")]
    [InlineData("PublicPages:Organization:Url", "ftp://example.org")]
    [InlineData("Teams:MaxResults", "0")]
    public async Task An_unusable_setting_exits_1_naming_the_key(string key, string value)
    {
        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { [key] = value }, Timeout);

        Assert.Equal(1, exit.Code);
        Assert.Contains(key.Split(':')[^1], exit.Error, StringComparison.Ordinal);
        AssertNoStackTrace(exit);
    }

    [Fact]
    public async Task A_Direct_Line_activity_limit_over_half_the_transcript_budget_exits_1()
    {
        var exit = await HostProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["DirectLine:MaxTranscriptBytes"] = "65536", ["DirectLine:MaxActivityBytes"] = "40000" }, Timeout);

        Assert.Equal(1, exit.Code);
        Assert.Contains("MaxTranscriptBytes", exit.Error, StringComparison.Ordinal);
        AssertNoStackTrace(exit);
    }

    private static void AssertNoStackTrace(HostProcess.Exit exit)
    {
        Assert.StartsWith("microneedling-bot: could not start: ", exit.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", exit.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", exit.Error + exit.Output, StringComparison.OrdinalIgnoreCase);
    }
}
