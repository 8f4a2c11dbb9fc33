using System.Net;
using Microneedling.Bot.Tests.PublicPages;
using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests.Content;

/// <summary>
/// Hot reload through the real host: edit the served content folder, then watch the public page and
/// /readyz. Each test has its own host and content copy (they change it).
/// </summary>
public sealed class HotReloadTests : IDisposable
{
    private readonly ReloadingHostFactory _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Readyz_reports_the_claim_count_and_a_content_version()
    {
        var ready = await _host.ReadyAsync();
        Assert.Equal("ready", (string?)ready["status"]);
        Assert.Equal(Directory.GetFiles(Path.Combine(_host.ContentDirectory, "claims"), "*.yaml").Length, (int)ready["claims"]!);
        Assert.Matches("^[0-9a-f]{16}$", (string?)ready["version"]);
    }

    [Fact]
    public async Task A_valid_change_is_swapped_in_without_a_restart_and_changes_the_version()
    {
        var before = (string?)(await _host.ReadyAsync())["version"];
        var file = _host.ClaimFile("home-frequency");
        const string edited = "Roll once or twice a week, then build up to 3 to 5 times a week";
        File.WriteAllText(file, File.ReadAllText(file).Replace(
            "claim: Roll once or twice a week at first, then 3 to 5 times a week", "claim: " + edited, StringComparison.Ordinal));

        await ReloadingHostFactory.WaitUntilAsync(async () =>
        {
            var page = await PublicPageDocument.GetAsync(_host.CreateClient(), "/claims/home-frequency");
            return page.QuerySelector("h1")!.TextContent.Trim() == edited;
        }, "the edited claim on its page");

        var after = await _host.ReadyAsync();
        Assert.NotEqual(before, (string?)after["version"]);
        Assert.Equal(42, (int)after["claims"]!);
        Assert.Contains(_host.Logs, l => l.Level == LogLevel.Information && l.Message.StartsWith("Content reloaded: 42 claims", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_claim_file_is_served_after_the_swap()
    {
        var template = File.ReadAllText(_host.ClaimFile("melasma"));
        File.WriteAllText(_host.ClaimFile("melasma-copy"), template.Replace("id: melasma", "id: melasma-copy", StringComparison.Ordinal));

        await ReloadingHostFactory.WaitUntilAsync(async () => (int)(await _host.ReadyAsync())["claims"]! == 43, "43 claims");

        using var response = await _host.CreateClient().GetAsync(new Uri("/claims/melasma-copy", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_change_is_refused_with_file_and_line_logged_and_the_old_set_kept()
    {
        var before = await _host.ReadyAsync();
        var file = _host.ClaimFile("acne-scars");
        File.WriteAllText(file, File.ReadAllText(file).Replace("verdict: partly-true", "verdict: mostly-harmless", StringComparison.Ordinal));

        await ReloadingHostFactory.WaitUntilAsync(
            () => Task.FromResult(_host.Logs.Any(l => l.Message.StartsWith("Content change refused (", StringComparison.Ordinal))),
            "the refusal in the log");

        var problem = Assert.Single(_host.Logs, l => l.Level == LogLevel.Error && l.Message.Contains("acne-scars.yaml:", StringComparison.Ordinal));
        Assert.Matches(@"acne-scars\.yaml:\d+: verdict: ", problem.Message);
        var after = await _host.ReadyAsync();
        Assert.Equal((string?)before["version"], (string?)after["version"]);
        Assert.Equal("ready", (string?)after["status"]);
        var page = await PublicPageDocument.GetAsync(_host.CreateClient(), "/claims/acne-scars");
        Assert.Equal("Partly true", page.QuerySelector(".verdict")!.TextContent.Trim());
    }
}
