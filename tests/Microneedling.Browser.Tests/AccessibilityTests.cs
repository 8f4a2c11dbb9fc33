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
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : ChatPageTest(browser, output)
{

    private async Task AssertNoSeriousViolationsAsync(string screenshot)
    {
        await Browser.ScreenshotAsync(Page, screenshot);
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var violation in result.Violations)
            Output.WriteLine($"axe {violation.Impact} {violation.Id}: {string.Join(" | ", violation.Nodes.Select(n => n.Html))}");
        Assert.True(serious.Count == 0, "axe found: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}) at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")));
        // The run really looked at the chat (not an empty page): the transcript was checked.
        Assert.Contains(result.Passes, p => p.Nodes.Any(n => n.Html.Contains("webchat", StringComparison.Ordinal)));
    }

    private async Task OpenPageAsync()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
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
        await Chat.AskAsync("is a 2 mm derma roller ok to use at home?");
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").GetByText("The claim", new() { Exact = true })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("a11y-answer");
    }

    [Fact]
    public async Task A_did_you_mean_has_no_serious_violations_and_its_buttons_are_used_up_by_a_pick()
    {
        await OpenPageAsync();
        await Chat.AskAsync("microneedling results");
        var prompt = Chat.BotMessageContaining("Did you mean one of these?");
        await Expect(prompt).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("a11y-did-you-mean");

        var choices = prompt.Locator(".ac-pushButton");
        var count = await choices.CountAsync();
        await choices.First.ClickAsync();
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").GetByText("The claim", new() { Exact = true })).ToBeVisibleAsync();
        for (var i = 0; i < count; i++) await Expect(choices.Nth(i)).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(choices.First).ToHaveAttributeAsync("aria-pressed", "true");

        // Pressing a used choice again sends nothing.
        var userMessages = await Chat.UserMessages.CountAsync();
        await choices.Nth(1).ClickAsync(new() { Force = true });
        await Page.WaitForTimeoutAsync(1500);
        await Expect(Chat.UserMessages).ToHaveCountAsync(userMessages);
        await Browser.ScreenshotAsync(Page, "a11y-did-you-mean-used");
    }

    [Fact]
    public async Task A_red_flag_has_no_serious_violations()
    {
        await OpenPageAsync();
        await Chat.AskAsync("I can't breathe and my throat is closing");
        await Expect(Chat.BotMessageContaining("Get help now.")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync("a11y-red-flag");
    }

    [Fact]
    public async Task The_open_widget_has_no_serious_violations_and_keeps_focus_inside_its_panel()
    {
        const string title = "Ask our fact-checker";
        var path = Browser.Server.AddSitePage("a11y-clinic.html", $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>A skin clinic</title></head>
            <body>
              <main><h1>A skin clinic</h1><p>Opening hours and <a href="#prices">prices</a>.</p></main>
              <script src="{Browser.Server.Origin}/widget.js" data-title="{title}"></script>
            </body>
            </html>
            """);
        await Page.GotoAsync($"http://localhost:{new Uri(Browser.Server.Origin).Port}{path}");
        var launcher = Page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });
        await launcher.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        var chat = WebChatView.InFrame(Page.FrameLocator("[data-microneedling-chat] iframe"));
        await Expect(chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(chat.SendBox).ToBeFocusedAsync();

        await AssertNoSeriousViolationsAsync("a11y-widget");

        // Forwards through the whole panel and round again: focus never reaches the page behind it.
        for (var i = 0; i < 30; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            Assert.True(await FocusIsInThePanelAsync(), $"Tab {i + 1} left the widget's panel.");
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).FocusAsync();
        await Page.Keyboard.PressAsync("Shift+Tab");
        Assert.True(await FocusIsInThePanelAsync(), "Shift+Tab from the close button left the panel.");
        await Expect(Page.Locator("[data-microneedling-chat] iframe")).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Escape");
        await Expect(launcher).ToBeFocusedAsync();
    }

    // Where focus settles: crossing out of the chat's iframe lands on a focus guard that sends it on in
    // its focus handler, and the iframe's own move arrives by postMessage, so a loaded machine can catch
    // it in between. Focus that really left the panel never comes back, so this still fails then.
    private async Task<bool> FocusIsInThePanelAsync()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await FocusIsInThePanelNowAsync()) return true;
            await Task.Delay(50);
        }
        return false;
    }

    // The shadow root's focused element is the panel's own control, or the iframe when focus is in the chat.
    private Task<bool> FocusIsInThePanelNowAsync() => Page.EvaluateAsync<bool>("""
        () => {
          const host = document.querySelector('[data-microneedling-chat]');
          if (document.activeElement !== host) return false;
          const inner = host.shadowRoot.activeElement;
          return !!inner && !!inner.closest('.panel');
        }
        """);
}
