using Deque.AxeCore.Playwright;
using Microneedling.Dialogs.Curation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Microneedling.Browser.Tests;

/// <summary>The curators' page in Chromium: sign in with the form, read the report, mark a question reviewed; accessible (axe-core), no script needed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CurationPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private readonly BrowserConsole _console = new();

    [Fact]
    public async Task A_curator_signs_in_reads_the_report_and_marks_a_question_reviewed()
    {
        var services = browser.Server.Services;
        const string question = "can i use a derma roller on my eyelids before a holiday";
        await services.GetRequiredService<UnansweredQuestionLog>().RecordAsync(question, UnansweredQuestionLog.Reasons.NoMatch, ["eye-area-and-age"], CancellationToken.None);
        await services.GetRequiredService<UnansweredQuestionLog>().RecordAsync("what is the best pizza in naples", UnansweredQuestionLog.Reasons.NoMatch, [], CancellationToken.None);
        await services.GetRequiredService<DidYouMeanPickLog>().RecordAsync("how many times a week can i roll", "home-frequency", CancellationToken.None);
        await services.GetRequiredService<FeedbackStore>().RecordAsync("home-frequency", "not-helpful", "I wanted a number for 0.25 mm", "webchat", CancellationToken.None);

        var page = await browser.NewPageAsync(output, _console);
        try
        {
            var response = await page.GotoAsync(browser.Server.Origin + "/curation");
            Assert.Equal(200, response!.Status); // after the redirect to the sign-in form
            Assert.EndsWith("/curation/sign-in", page.Url, StringComparison.Ordinal);
            await page.GetByLabel("Curator key").FillAsync("not the key");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That is not the curator key.");
            _console.Expect("status of 401"); // Chromium logs the 401 answer of the refused sign-in

            await page.GetByLabel("Curator key").FillAsync(BotServer.CuratorKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Curation report");
            var row = page.Locator("tr", new() { HasText = question });
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("section[aria-labelledby='picks']")).ToContainTextAsync("how many times a week can i roll");
            await Assertions.Expect(page.Locator("section[aria-labelledby='feedback']")).ToContainTextAsync("I wanted a number for 0.25 mm");

            var results = await page.RunAxe();
            foreach (var violation in results.Violations) output.WriteLine($"{violation.Impact}: {violation.Id}: {violation.Help}");
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help}")));
            Assert.NotEmpty(results.Passes);
            await browser.ScreenshotAsync(page, "curation-page");

            await row.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Curation report");
            await Assertions.Expect(page.Locator("tr", new() { HasText = question })).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("tr", new() { HasText = "what is the best pizza in naples" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "show reviewed items" }).ClickAsync();
            await Assertions.Expect(page.Locator("tr", new() { HasText = question }).Locator(".reviewed")).ToHaveTextAsync("Reviewed");
            await browser.ScreenshotAsync(page, "curation-page-reviewed-shown");
            _console.AssertClean();
        }
        finally
        {
            await page.Context.DisposeAsync();
        }
    }
}
