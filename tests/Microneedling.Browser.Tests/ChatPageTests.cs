using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>The full-page chat at <c>/</c>, driven like a person would in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ChatPageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
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

    [Fact]
    public async Task Page_says_it_is_a_fact_checker_and_the_bot_welcomes_you()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");

        await Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("fact-checker");
        await Expect(_page.Locator(".masthead")).ToContainTextAsync("not medical advice");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(_chat.SendBox).ToBeEditableAsync();
        await ScreenshotAsync("page-welcome");
    }

    [Fact]
    public async Task Typed_question_gets_an_answer_with_its_verdict_and_a_source_link()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();

        await _chat.AskAsync("is home rolling 3-5 times a week safe?");

        var answer = _chat.BotMessageContaining("3 to 5 times a week");
        await Expect(answer).ToBeVisibleAsync();
        await Expect(answer.Locator(".ac-adaptiveCard").GetByText("False", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(answer.Locator("a[href^='https://doi.org/']").First).ToBeVisibleAsync();
        await ScreenshotAsync("page-answer");
    }

    [Fact]
    public async Task Clicking_a_suggested_question_asks_it_and_gets_an_answer()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");
        var suggestion = _chat.SuggestedQuestions.First;
        await Expect(suggestion).ToBeVisibleAsync();
        var question = (await suggestion.InnerTextAsync()).Trim();
        var botMessagesBefore = await _chat.BotMessages.CountAsync();

        await suggestion.ClickAsync();

        // The question shows as the user's message, and an answer card follows it.
        await Expect(_chat.UserMessages.Filter(new() { HasText = question }).First).ToBeVisibleAsync();
        await Expect(_chat.BotMessages).Not.ToHaveCountAsync(botMessagesBefore);
        await Expect(_chat.BotMessages.Last.Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();
        await ScreenshotAsync("page-suggested-question");
    }

    [Fact]
    public async Task Page_makes_no_request_outside_127_0_0_1()
    {
        var requested = new List<string>();
        _page.Request += (_, request) => { lock (requested) requested.Add(request.Url); };
        _page.WebSocket += (_, socket) => { lock (requested) requested.Add(socket.Url); };

        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await _chat.AskAsync("does microneedling help acne scars?");
        await Expect(_chat.BotMessages.Nth(1)).ToBeVisibleAsync();

        string[] outside;
        lock (requested) outside = [.. requested.Where(url => !IsLoopback(url))];
        Assert.Empty(outside);
        Assert.Contains(requested, url => url.EndsWith("/api/directline/token", StringComparison.Ordinal));
        // The replies came over the Direct Line stream (webSocket: true), not by polling.
        Assert.Contains(requested, url => url.StartsWith("ws://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_no_token_can_be_had_the_page_says_so_and_Try_again_connects()
    {
        const string tokenUrl = "**/api/directline/token";
        _console.Expect("status of 503");
        await _page.RouteAsync(tokenUrl, route => route.FulfillAsync(new() { Status = 503 }));
        await _page.GotoAsync(browser.Server.Origin + "/");

        await Expect(_page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "having a problem" })).ToBeVisibleAsync();
        await ScreenshotAsync("page-no-token");

        await _page.UnrouteAsync(tokenUrl);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
    }

    private static bool IsLoopback(string url) =>
        LocalSchemes().IsMatch(url) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1");

    // Data and blob URLs never leave the browser.
    [GeneratedRegex("^(data|blob|about):")]
    private static partial Regex LocalSchemes();

    private async Task ScreenshotAsync(string name) =>
        output.WriteLine("Screenshot: " + await browser.ScreenshotAsync(_page, name));
}
