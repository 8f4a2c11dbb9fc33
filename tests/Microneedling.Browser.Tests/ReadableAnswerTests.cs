using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// Answers as they are read: a red flag first, alone, once and in view (on a phone too) when a claim
/// card follows; a new answer shown from its top, verdict visible; questions on buttons wrapped, not
/// cut off; no heading without content; "Why?" opens without console errors.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadableAnswerTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string WelcomeText = "I check common claims about microneedling";
    private const string EmergencyWithClaim = "my face is swelling fast and I can't breathe after numbing cream, was that cream safe?";
    private const string RedFlagHeadline = "Get help now.";
    private readonly BrowserConsole _console = new();
    private IPage _page = null!;
    private WebChatView _chat = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _page.Context.DisposeAsync();
        _console.AssertClean();
    }

    private async Task OpenAsync(int width = 1100, int height = 800)
    {
        _page = await browser.NewPageAsync(output, _console, width, height);
        _chat = WebChatView.InPage(_page);
        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
    }

    /// <summary>Whether the element's top edge is inside the transcript's visible area.</summary>
    private async Task<bool> TopIsInViewAsync(ILocator element)
    {
        var transcript = await _page.Locator(".webchat__basic-transcript__scrollable").BoundingBoxAsync();
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(transcript);
        Assert.NotNull(box);
        return box.Y >= transcript.Y - 1 && box.Y < transcript.Y + transcript.Height - 20;
    }

    [Fact]
    public async Task On_a_phone_a_red_flag_followed_by_a_claim_card_stays_in_view_and_is_shown_once()
    {
        await OpenAsync(390, 844);

        await _chat.AskAsync(EmergencyWithClaim);
        var redFlag = _chat.BotMessageContaining(RedFlagHeadline);
        await Expect(redFlag).ToBeVisibleAsync();
        // The claim card has arrived after it, and scrolling has settled.
        await Expect(_chat.BotMessages.Last.Locator(".ac-adaptiveCard").GetByText("The claim", new() { Exact = true })).ToHaveCountAsync(1);
        await _page.WaitForTimeoutAsync(1000);

        Assert.True(await TopIsInViewAsync(redFlag), "The red flag was scrolled out of view by the card after it.");
        await Expect(redFlag.GetByText(RedFlagHeadline, new() { Exact = true })).ToBeInViewportAsync();
        // Once: the card alone, no text bubble repeating it.
        await Expect(redFlag.Locator(".webchat__bubble").Filter(new() { HasText = RedFlagHeadline })).ToHaveCountAsync(1);
        Assert.Equal(1, await _chat.BotMessages.Filter(new() { HasText = RedFlagHeadline }).CountAsync());
        // Alone: the red flag's message holds no claim content.
        await Expect(redFlag).Not.ToContainTextAsync("The claim");
        await browser.ScreenshotAsync(_page, "readable-red-flag-phone");
        await _page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotFolder, "readable-red-flag-phone-viewport.png") });
    }

    [Fact]
    public async Task A_new_answer_is_shown_from_its_top_with_the_verdict_visible()
    {
        await OpenAsync(390, 844);
        // A first long answer, so the second has to scroll.
        await _chat.AskAsync("does microneedling help acne scars?");
        await Expect(_chat.BotMessages.Nth(1).Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();

        await _chat.AskAsync("is home rolling 3-5 times a week safe?");
        var answer = _chat.BotMessageContaining("3 to 5 times a week");
        await Expect(answer).ToBeVisibleAsync();
        await _page.WaitForTimeoutAsync(1000);

        await _page.ScreenshotAsync(new() { Path = Path.Combine(browser.ScreenshotFolder, "readable-answer-from-top-viewport.png") });
        await Expect(answer.Locator(".ac-adaptiveCard").GetByText("False", new() { Exact = true }).First).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Questions_on_buttons_wrap_instead_of_being_cut_off()
    {
        await OpenAsync(390, 844);
        await _chat.AskAsync("is home rolling 3-5 times a week safe?");
        var answer = _chat.BotMessageContaining("3 to 5 times a week");
        await Expect(answer).ToBeVisibleAsync();

        var buttons = answer.Locator(".ac-pushButton");
        await Expect(buttons.First).ToBeVisibleAsync();
        var clipped = await buttons.EvaluateAllAsync<string[]>("""
            buttons => buttons
              .flatMap(b => [b, ...b.querySelectorAll('*')])
              .filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis')
              .map(e => e.textContent.trim())
            """);
        Assert.Empty(clipped);
        var suggested = _chat.SuggestedQuestions;
        foreach (var button in await suggested.AllAsync())
            Assert.True(await button.EvaluateAsync<bool>("b => b.scrollWidth <= b.clientWidth + 1"), "A suggested question is cut off.");
        await browser.ScreenshotAsync(_page, "readable-buttons-wrap-phone");
    }

    [Fact]
    public async Task No_card_has_a_heading_or_label_with_nothing_under_it()
    {
        await OpenAsync();
        await _chat.AskAsync("help");
        await Expect(_chat.BotMessages.Nth(1)).ToBeVisibleAsync();

        var texts = await _page.Locator(".ac-adaptiveCard").AllInnerTextsAsync();
        Assert.All(texts, text =>
        {
            var last = text.Trim().Split('\n').Last(line => line.Trim().Length > 0).Trim();
            Assert.False(last.EndsWith(':'), $"A card ends with a heading and nothing under it: \"{last}\"");
        });
        Assert.DoesNotContain(texts, t => t.Contains("Try asking:", StringComparison.Ordinal) || t.Contains("For example, you can ask:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Why_opens_the_details_without_console_errors()
    {
        await OpenAsync();
        await _chat.AskAsync("is home rolling 3-5 times a week safe?");
        var answer = _chat.BotMessageContaining("3 to 5 times a week");
        var why = answer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Why") });

        await why.ClickAsync();
        await Expect(why).ToHaveAttributeAsync("aria-expanded", "true");
        await why.ClickAsync();
        await Expect(why).ToHaveAttributeAsync("aria-expanded", "false");
        // DisposeAsync fails the test on any console error (the toggle used to log two per click).
    }
}
