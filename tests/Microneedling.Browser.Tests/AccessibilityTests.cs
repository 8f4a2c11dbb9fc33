using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, which runs it in every frame) finds no serious or critical
/// WCAG 2.2 A/AA violation on the page, the open widget, an answer card, a did-you-mean and a red
/// flag; the open widget keeps focus inside; a choice once made cannot be made again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string WelcomeText = "I check common claims about microneedling";
    private readonly BrowserConsole _console = new();
    private IPage _page = null!;
    private WebChatView _chat = null!;

    public async Task InitializeAsync()
    {
        _page = await browser.NewPageAsync(output, _console);
        _chat = WebChatView.InPage(_page);
    }

    public async Task DisposeAsync()
    {
        await _page.Context.DisposeAsync();
        _console.AssertClean();
    }

    private async Task AssertNoSeriousViolationsAsync(string screenshot)
    {
        await browser.ScreenshotAsync(_page, screenshot);
        var result = await _page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in result.Violations)
            output.WriteLine($"axe {violation.Impact} {violation.Id}: {string.Join(" | ", violation.Nodes.Select(n => n.Html))}");
        Assert.True(serious.Count == 0, "axe found: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}) at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")));
        // The run really looked at the chat (not an empty page): the transcript was checked.
        Assert.Contains(result.Passes, p => p.Nodes.Any(n => n.Html.Contains("webchat", StringComparison.Ordinal)));
    }

    private async Task OpenPageAsync()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_page_has_no_serious_violations()
    {
        await OpenPageAsync();
        await AssertNoSeriousViolationsAsync("a11y-page");
    }

    [Fact]
    public async Task An_answer_card_has_no_serious_violations()
    {
        await OpenPageAsync();
        await _chat.AskAsync("is a 2 mm derma roller ok to use at home?");
        await Expect(_chat.BotMessages.Last.Locator(".ac-adaptiveCard").GetByText("The claim", new() { Exact = true })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("a11y-answer");
    }

    [Fact]
    public async Task A_did_you_mean_has_no_serious_violations_and_its_buttons_are_used_up_by_a_pick()
    {
        await OpenPageAsync();
        await _chat.AskAsync("microneedling results");
        var prompt = _chat.BotMessageContaining("Did you mean one of these?");
        await Expect(prompt).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("a11y-did-you-mean");

        var choices = prompt.Locator(".ac-pushButton");
        var count = await choices.CountAsync();
        await choices.First.ClickAsync();
        await Expect(_chat.BotMessages.Last.Locator(".ac-adaptiveCard").GetByText("The claim", new() { Exact = true })).ToBeVisibleAsync();
        for (var i = 0; i < count; i++) await Expect(choices.Nth(i)).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(choices.First).ToHaveAttributeAsync("aria-pressed", "true");

        // Pressing a used choice again sends nothing.
        var userMessages = await _chat.UserMessages.CountAsync();
        await choices.Nth(1).ClickAsync(new() { Force = true });
        await _page.WaitForTimeoutAsync(1500);
        await Expect(_chat.UserMessages).ToHaveCountAsync(userMessages);
        await browser.ScreenshotAsync(_page, "a11y-did-you-mean-used");
    }

    [Fact]
    public async Task A_red_flag_has_no_serious_violations()
    {
        await OpenPageAsync();
        await _chat.AskAsync("I can't breathe and my throat is closing");
        await Expect(_chat.BotMessageContaining("Get help now.")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("a11y-red-flag");
    }

    [Fact]
    public async Task The_open_widget_has_no_serious_violations_and_keeps_focus_inside_its_panel()
    {
        const string title = "Ask our fact-checker";
        var path = browser.Server.AddSitePage("a11y-clinic.html", $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>A skin clinic</title></head>
            <body>
              <main><h1>A skin clinic</h1><p>Opening hours and <a href="#prices">prices</a>.</p></main>
              <script src="{browser.Server.Origin}/widget.js" data-title="{title}"></script>
            </body>
            </html>
            """);
        await _page.GotoAsync($"http://localhost:{new Uri(browser.Server.Origin).Port}{path}");
        var launcher = _page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });
        await launcher.FocusAsync();
        await _page.Keyboard.PressAsync("Enter");
        var chat = WebChatView.InFrame(_page.FrameLocator("[data-microneedling-chat] iframe"));
        await Expect(chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(chat.SendBox).ToBeFocusedAsync();

        await AssertNoSeriousViolationsAsync("a11y-widget");

        // Forwards through the whole panel and round again: focus never reaches the page behind it.
        for (var i = 0; i < 30; i++)
        {
            await _page.Keyboard.PressAsync("Tab");
            Assert.True(await FocusIsInThePanelAsync(), $"Tab {i + 1} left the widget's panel.");
        }
        await _page.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).FocusAsync();
        await _page.Keyboard.PressAsync("Shift+Tab");
        Assert.True(await FocusIsInThePanelAsync(), "Shift+Tab from the close button left the panel.");
        await Expect(_page.Locator("[data-microneedling-chat] iframe")).ToBeFocusedAsync();

        await _page.Keyboard.PressAsync("Escape");
        await Expect(launcher).ToBeFocusedAsync();
    }

    // The shadow root's focused element is the panel's own control, or the iframe when focus is in the chat.
    private Task<bool> FocusIsInThePanelAsync() => _page.EvaluateAsync<bool>("""
        () => {
          const host = document.querySelector('[data-microneedling-chat]');
          if (document.activeElement !== host) return false;
          const inner = host.shadowRoot.activeElement;
          return !!inner && !!inner.closest('.panel');
        }
        """);
}
