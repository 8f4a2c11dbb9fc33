using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Microneedling.Browser.Tests;

/// <summary>The public fact-check pages in Chromium: accessible (axe-core), readable with script off.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FactCheckPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private readonly BrowserConsole _console = new();

    [Theory]
    [InlineData("/claims")]
    [InlineData("/claims/home-frequency")]
    [InlineData("/claims/what-is-microneedling")]
    public async Task Page_has_no_serious_or_critical_axe_violations(string path)
    {
        var page = await browser.NewPageAsync(output, _console);
        try
        {
            var response = await page.GotoAsync(browser.Server.Origin + path);
            Assert.Equal(200, response!.Status);

            var results = await page.RunAxe();

            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            foreach (var violation in results.Violations) output.WriteLine($"{violation.Impact}: {violation.Id}: {violation.Help}");
            Assert.True(serious.Count == 0, string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help}")));
            Assert.NotEmpty(results.Passes); // axe really ran over the page
            _console.AssertClean();
        }
        finally
        {
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_fact_check_reads_with_javascript_off()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(browser.Server.Origin + "/claims/home-frequency");
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("3 to 5 times a week");
            await Assertions.Expect(page.Locator(".verdict")).ToHaveTextAsync("False");
            await browser.ScreenshotAsync(page, "fact-check-page-no-script");
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}
