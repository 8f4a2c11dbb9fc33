using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>The full-page chat at <c>/</c>, driven like a person would in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ChatPageTests(BrowserFixture browser, ITestOutputHelper output) : ChatPageTest(browser, output)
{

    [Fact]
    public async Task Page_says_it_is_a_fact_checker_and_the_bot_welcomes_you()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("fact-checker");
        await Expect(Page.Locator(".masthead")).ToContainTextAsync("not medical advice");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Chat.SendBox).ToBeEditableAsync();
        await ScreenshotAsync("page-welcome");
    }

    [Fact]
    public async Task Typed_question_gets_an_answer_with_its_verdict_and_a_source_link()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();

        await Chat.AskAsync("is home rolling 3-5 times a week safe?");

        var answer = Chat.BotMessageContaining("3 to 5 times a week");
        await Expect(answer).ToBeVisibleAsync();
        await Expect(answer.Locator(".ac-adaptiveCard").GetByText("False", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(answer.Locator("a[href^='https://doi.org/']").First).ToBeVisibleAsync();
        await ScreenshotAsync("page-answer");
    }

    [Fact]
    public async Task Clicking_a_suggested_question_asks_it_and_gets_an_answer()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        var suggestion = Chat.SuggestedQuestions.First;
        await Expect(suggestion).ToBeVisibleAsync();
        var question = (await suggestion.InnerTextAsync()).Trim();
        var botMessagesBefore = await Chat.BotMessages.CountAsync();

        await suggestion.ClickAsync();

        // The question shows as the user's message, and an answer card follows it.
        await Expect(Chat.UserMessages.Filter(new() { HasText = question }).First).ToBeVisibleAsync();
        await Expect(Chat.BotMessages).Not.ToHaveCountAsync(botMessagesBefore);
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();
        await ScreenshotAsync("page-suggested-question");
    }

    [Fact]
    public async Task Page_makes_no_request_outside_127_0_0_1()
    {
        var requested = new List<string>();
        Page.Request += (_, request) => { lock (requested) requested.Add(request.Url); };
        Page.WebSocket += (_, socket) => { lock (requested) requested.Add(socket.Url); };

        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Chat.AskAsync("does microneedling help acne scars?");
        await Expect(Chat.BotMessages.Nth(1)).ToBeVisibleAsync();

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
        PageConsole.Expect("status of 503");
        await Page.RouteAsync(tokenUrl, route => route.FulfillAsync(new() { Status = 503 }));
        await Page.GotoAsync(Browser.Server.Origin + "/");

        await Expect(Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "having a problem" })).ToBeVisibleAsync();
        await ScreenshotAsync("page-no-token");

        await Page.UnrouteAsync(tokenUrl);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
    }

    private static bool IsLoopback(string url) =>
        LocalSchemes().IsMatch(url) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1");

    // Data and blob URLs never leave the Browser.
    [GeneratedRegex("^(data|blob|about):")]
    private static partial Regex LocalSchemes();

    private async Task ScreenshotAsync(string name) =>
        Output.WriteLine("Screenshot: " + await Browser.ScreenshotAsync(Page, name));
}
