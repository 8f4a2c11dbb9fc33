using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// The conversation survives a reload and a tab opened from the page (sessionStorage), the token is
/// refreshed before it expires, and "Start a new conversation" really starts a new one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResumeTests(BrowserFixture browser, ITestOutputHelper output) : ChatPageTest(browser, output)
{
    private const string Question = "is home rolling 3-5 times a week safe?";
    private const string AnswerText = "3 to 5 times a week";
    private const string SavedKey = "microneedling-chat/conversation";

    private async Task AskAndSeeTheAnswerAsync(WebChatView chat)
    {
        await Expect(chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await chat.AskAsync(Question);
        await Expect(chat.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reload_keeps_the_conversation_and_it_goes_on()
    {
        var starts = 0;
        Page.Request += (_, request) => { if (request.Method == "POST" && request.Url.EndsWith("/v3/directline/conversations", StringComparison.Ordinal)) Interlocked.Increment(ref starts); };
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await AskAndSeeTheAnswerAsync(Chat);

        await Page.ReloadAsync();

        await Expect(Chat.UserMessages.Filter(new() { HasText = Question }).First).ToBeVisibleAsync();
        await Expect(Chat.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
        await Expect(Chat.BotMessages.Filter(new() { HasText = WelcomeText })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(Page, "resume-after-reload");
        await Chat.AskAsync("does microneedling help acne scars?");
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").First).ToContainTextAsync("acne", new() { IgnoreCase = true });
        Assert.Equal(1, starts);
    }

    [Fact]
    public async Task A_tab_opened_from_the_page_continues_the_same_conversation()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await AskAndSeeTheAnswerAsync(Chat);

        // A tab opened from this one gets a copy of its sessionStorage (HTML: "copy session storage").
        var popup = await Page.RunAndWaitForPopupAsync(() => Page.EvaluateAsync("url => { window.open(url); }", Browser.Server.Origin + "/"));
        var other = WebChatView.InPage(popup);

        await Expect(other.UserMessages.Filter(new() { HasText = Question }).First).ToBeVisibleAsync();
        await Expect(other.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(popup, "resume-new-tab");
    }

    [Fact]
    public async Task Start_a_new_conversation_clears_the_old_one_for_good()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await AskAndSeeTheAnswerAsync(Chat);
        var before = await SavedConversationIdAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Start a new conversation" }).ClickAsync();

        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(0);
        var after = await SavedConversationIdAsync();
        Assert.NotEqual(before, after);
        await Browser.ScreenshotAsync(Page, "resume-new-conversation");

        await Page.ReloadAsync();
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(0);
        Assert.Equal(after, await SavedConversationIdAsync());
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_refreshed_before_the_conversation_is_resumed()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await AskAndSeeTheAnswerAsync(Chat);
        var oldToken = await Page.EvaluateAsync<string>($"() => JSON.parse(sessionStorage.getItem('{SavedKey}')).token");
        // As if the page had been left for 25 of the token's 30 minutes.
        await Page.EvaluateAsync($"() => {{ const s = JSON.parse(sessionStorage.getItem('{SavedKey}')); s.expiresAt = Date.now() + 5 * 60 * 1000; sessionStorage.setItem('{SavedKey}', JSON.stringify(s)); }}");
        var refreshed = Page.WaitForResponseAsync(response => response.Url.EndsWith("/v3/directline/tokens/refresh", StringComparison.Ordinal) && response.Ok);

        await Page.ReloadAsync();

        await refreshed;
        await Expect(Chat.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
        var token = await Page.EvaluateAsync<string>($"() => JSON.parse(sessionStorage.getItem('{SavedKey}')).token");
        var expiresAt = await Page.EvaluateAsync<double>($"() => JSON.parse(sessionStorage.getItem('{SavedKey}')).expiresAt");
        Assert.NotEqual(oldToken, token);
        Assert.True(expiresAt > DateTimeOffset.UtcNow.AddMinutes(25).ToUnixTimeMilliseconds(), "The saved token's expiry was not extended.");
    }

    [Fact]
    public async Task An_expired_conversation_is_replaced_by_a_new_one_and_the_page_says_so()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await AskAndSeeTheAnswerAsync(Chat);
        // A conversation the server no longer knows (deleted after its idle timeout) answers 404.
        PageConsole.Expect("status of 40[34]");
        await Page.EvaluateAsync($"() => {{ const s = JSON.parse(sessionStorage.getItem('{SavedKey}')); s.conversationId = 'gone-' + s.conversationId; sessionStorage.setItem('{SavedKey}', JSON.stringify(s)); }}");

        await Page.ReloadAsync();

        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "earlier conversation has ended" })).ToBeVisibleAsync();
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(0);
    }

    private Task<string> SavedConversationIdAsync() =>
        Page.EvaluateAsync<string>($"() => JSON.parse(sessionStorage.getItem('{SavedKey}')).conversationId");
}
