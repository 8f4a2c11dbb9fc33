using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// widget.js on somebody else's site: a plain page with the one script tag, on another origin
/// (localhost instead of the bot's 127.0.0.1), so nothing works by being same-origin.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Title = "Ask our fact-checker";
    private readonly BrowserConsole _console = new();
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await browser.NewPageAsync(output, _console);

    public async Task DisposeAsync()
    {
        await _page.Context.DisposeAsync();
        _console.AssertClean();
    }

    private ILocator Launcher => _page.GetByRole(AriaRole.Button, new() { Name = Title, Exact = true });

    private ILocator Panel => _page.GetByRole(AriaRole.Dialog, new() { Name = Title });

    private WebChatView Chat => WebChatView.InFrame(_page.FrameLocator("[data-microneedling-chat] iframe"));

    [Fact]
    public async Task Widget_opens_a_chat_panel_that_answers_questions()
    {
        await OpenHostPageAsync();
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");

        await Launcher.ClickAsync();

        await Expect(Panel).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Chat.BotMessageContaining("I check common claims about microneedling")).ToBeVisibleAsync();
        await Chat.AskAsync("is home rolling 3-5 times a week safe?");
        var answer = Chat.BotMessageContaining("3 to 5 times a week");
        await Expect(answer.Locator(".ac-adaptiveCard").GetByText("False", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(answer.Locator("a[href^='https://doi.org/']").First).ToBeVisibleAsync();
        await ScreenshotAsync("widget-answer");
    }

    [Fact]
    public async Task Keyboard_opens_the_panel_with_Enter_and_Escape_closes_it_returning_focus_to_the_button()
    {
        await OpenHostPageAsync();
        await Launcher.FocusAsync();

        await _page.Keyboard.PressAsync("Enter");
        await Expect(Panel).ToBeVisibleAsync();
        // Focus moves into the chat, ready to type.
        await Expect(Chat.SendBox).ToBeFocusedAsync();

        await _page.Keyboard.PressAsync("Escape");
        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
        await Expect(Launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task Escape_on_the_panels_close_button_closes_it_too()
    {
        await OpenHostPageAsync();
        await Launcher.ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).FocusAsync();

        await _page.Keyboard.PressAsync("Escape");

        await Expect(Panel).ToBeHiddenAsync();
        await Expect(Launcher).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Data_attributes_set_the_title_colour_locale_and_start_open()
    {
        await OpenHostPageAsync("data-open=\"true\"");

        await Expect(Panel).ToBeVisibleAsync();
        await Expect(Launcher).ToHaveCSSAsync("background-color", "rgb(34, 85, 136)");
        await Expect(_page.Locator("[data-microneedling-chat] iframe")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("locale=en-GB"));
        // Starting open must not steal focus from the host page.
        await Expect(Launcher).Not.ToBeFocusedAsync();
        await Expect(Chat.BotMessageContaining("I check common claims about microneedling")).ToBeVisibleAsync();
        await ScreenshotAsync("widget-start-open");
    }

    [Fact]
    public async Task On_a_phone_the_panel_fills_the_screen()
    {
        await _page.Context.DisposeAsync();
        _page = await browser.NewPageAsync(output, _console, width: 390, height: 844);
        await OpenHostPageAsync();

        await Launcher.ClickAsync();

        var box = await Panel.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.Equal((0f, 0f, 390f, 844f), (box.X, box.Y, box.Width, box.Height));
        await Expect(Chat.BotMessageContaining("I check common claims about microneedling")).ToBeVisibleAsync();
        await ScreenshotAsync("widget-phone");
    }

    [Fact]
    public async Task The_widget_offers_Start_a_new_conversation_and_it_clears_the_old_one()
    {
        await OpenHostPageAsync();
        await Launcher.ClickAsync();
        await Chat.AskAsync("is home rolling 3-5 times a week safe?");
        await Expect(Chat.BotMessageContaining("3 to 5 times a week")).ToBeVisibleAsync();

        var frame = _page.FrameLocator("[data-microneedling-chat] iframe");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Start a new conversation" }).ClickAsync();

        await Expect(Chat.BotMessageContaining("I check common claims about microneedling")).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(0);
        await ScreenshotAsync("widget-new-conversation");
    }

    private async Task OpenHostPageAsync(string extraAttributes = "")
    {
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>A skin clinic</title></head>
            <body>
              <h1>A skin clinic</h1>
              <p>Opening hours and prices.</p>
              <script src="{browser.Server.Origin}/widget.js" data-title="{Title}" data-color="#225588" data-locale="en-GB" {extraAttributes}></script>
            </body>
            </html>
            """;
        var path = browser.Server.AddSitePage("clinic.html", html);
        // "localhost" is another origin than the bot's 127.0.0.1: the widget must work cross-origin.
        await _page.GotoAsync($"http://localhost:{new Uri(browser.Server.Origin).Port}{path}");
        await Expect(Launcher).ToBeVisibleAsync();
    }

    private async Task ScreenshotAsync(string name) =>
        output.WriteLine("Screenshot: " + await browser.ScreenshotAsync(_page, name));
}
