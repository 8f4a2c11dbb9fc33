using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// Helpful / Not helpful on an answer card: the vote given is shown pressed and cannot be sent twice,
/// the other one changes it, and the comment box empties once its comment went with a vote.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedbackTests(BrowserFixture browser, ITestOutputHelper output) : ChatPageTest(browser, output)
{

    [Fact]
    public async Task One_vote_per_answer_a_second_click_changes_it_and_the_comment_box_clears()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Chat.AskAsync("is home rolling 3-5 times a week safe?");
        var answer = Chat.BotMessageContaining("3 to 5 times a week");
        var helpful = answer.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true });
        var notHelpful = answer.GetByRole(AriaRole.Button, new() { Name = "Not helpful", Exact = true });
        var comment = answer.GetByRole(AriaRole.Textbox, new() { Name = "Anything to add? (optional)" });

        await comment.FillAsync("clear and short");
        await helpful.ClickAsync();
        await Expect(Chat.BotMessageContaining("glad it helped")).ToBeVisibleAsync();
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(helpful).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(notHelpful).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(comment).ToHaveValueAsync("");
        await Browser.ScreenshotAsync(Page, "feedback-helpful");

        // The same vote again sends nothing.
        var sent = await Chat.UserMessages.CountAsync();
        var thanks = await Chat.BotMessages.CountAsync();
        await helpful.ClickAsync(new() { Force = true });
        await Page.WaitForTimeoutAsync(1500);
        await Expect(Chat.BotMessages).ToHaveCountAsync(thanks);

        // The other vote changes it.
        await notHelpful.ClickAsync();
        await Expect(Chat.BotMessageContaining("Your feedback goes to the people")).ToBeVisibleAsync();
        await Expect(notHelpful).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(helpful).Not.ToHaveAttributeAsync("aria-disabled", "true");
        Assert.Equal(sent, await Chat.UserMessages.CountAsync());
        await Browser.ScreenshotAsync(Page, "feedback-changed");
    }
}
