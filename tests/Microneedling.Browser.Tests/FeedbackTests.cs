using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// Helpful / Not helpful on an answer card: the vote given is shown pressed and cannot be sent twice,
/// the other one changes it, and the comment box empties once its comment went with a vote.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedbackTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
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
    public async Task One_vote_per_answer_a_second_click_changes_it_and_the_comment_box_clears()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");
        await _chat.AskAsync("is home rolling 3-5 times a week safe?");
        var answer = _chat.BotMessageContaining("3 to 5 times a week");
        var helpful = answer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true });
        var notHelpful = answer.GetByRole(AriaRole.Button, new() { Name = "Not helpful", Exact = true });
        var comment = answer.GetByRole(AriaRole.Textbox, new() { Name = "Anything to add? (optional)" });

        await comment.FillAsync("clear and short");
        await helpful.ClickAsync();
        await Expect(_chat.BotMessageContaining("glad it helped")).ToBeVisibleAsync();
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(helpful).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(notHelpful).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(comment).ToHaveValueAsync("");
        await browser.ScreenshotAsync(_page, "feedback-helpful");

        // The same vote again sends nothing.
        var sent = await _chat.UserMessages.CountAsync();
        var thanks = await _chat.BotMessages.CountAsync();
        await helpful.ClickAsync(new() { Force = true });
        await _page.WaitForTimeoutAsync(1500);
        await Expect(_chat.BotMessages).ToHaveCountAsync(thanks);

        // The other vote changes it.
        await notHelpful.ClickAsync();
        await Expect(_chat.BotMessageContaining("Your feedback goes to the people")).ToBeVisibleAsync();
        await Expect(notHelpful).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(helpful).Not.ToHaveAttributeAsync("aria-disabled", "true");
        Assert.Equal(sent, await _chat.UserMessages.CountAsync());
        await browser.ScreenshotAsync(_page, "feedback-changed");
    }
}
