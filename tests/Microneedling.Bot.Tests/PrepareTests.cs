namespace Microneedling.Bot.Tests;

/// <summary>
/// <c>--prepare</c>, as an image build runs it: the int8 model and every content text's vector are
/// written to the cache folder and the process exits, so the next start only reads them.
/// </summary>
public sealed class PrepareTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "prepare-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_cache, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder must not fail the test
        }
    }

    [Fact]
    public async Task Prepare_fills_the_cache_exits_0_and_a_second_run_embeds_nothing()
    {
        var settings = new Dictionary<string, string> { ["Matching:CacheDirectory"] = _cache };

        var first = await HostProcess.RunUntilExitAsync(settings, Timeout, "--prepare");

        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("prepared ", first.Output, StringComparison.Ordinal);
        Assert.Contains(_cache, first.Output, StringComparison.Ordinal);
        var vectors = Assert.Single(Directory.GetFiles(_cache, "claim-vectors-*.bin"));
        Assert.Single(Directory.GetFiles(_cache, "minilm-*-int8.onnx"));
        var written = File.GetLastWriteTimeUtc(vectors);

        var second = await HostProcess.RunUntilExitAsync(settings, Timeout, "--prepare");

        Assert.True(second.Code == 0, second.Error);
        Assert.Equal(written, File.GetLastWriteTimeUtc(vectors)); // every vector was read back, none embedded again
    }

    [Fact]
    public async Task Prepare_with_a_broken_claim_set_exits_1_naming_the_file()
    {
        var content = Path.Combine(_cache, "content");
        HostProcess.CopyContent(content);
        var claim = Path.Combine(content, "claims", "acne-scars.yaml");
        File.WriteAllText(claim, File.ReadAllText(claim).Replace("verdict:", "verdict: [unclosed", StringComparison.Ordinal));

        var exit = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["Content:Path"] = content, ["Matching:CacheDirectory"] = "" }, Timeout, "--prepare");

        Assert.Equal(1, exit.Code);
        Assert.StartsWith("microneedling-bot: could not start: ", exit.Error, StringComparison.Ordinal);
        Assert.Contains("acne-scars.yaml:", exit.Error, StringComparison.Ordinal);
    }
}
