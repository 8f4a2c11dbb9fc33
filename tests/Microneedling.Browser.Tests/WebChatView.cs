using Microsoft.Playwright;

namespace Microneedling.Browser.Tests;

/// <summary>
/// What a person sees and uses in Web Chat, whether it fills the page or sits in the widget's
/// iframe: the send box, the bot's messages and the suggested questions. Class names are Web Chat
/// 4.18's own; it renders a message's text in several elements, hence the <c>.First</c>s.
/// </summary>
internal sealed class WebChatView(Func<string, ILocator> locate)
{
    public static WebChatView InPage(IPage page) => new(selector => page.Locator(selector));

    public static WebChatView InFrame(IFrameLocator frame) => new(selector => frame.Locator(selector));

    public ILocator SendBox => locate("[data-id='webchat-sendbox-input']");

    /// <summary>The bot's messages, oldest first: each one's text and its cards together.</summary>
    public ILocator BotMessages => locate(".webchat__stacked-layout:not(.webchat__stacked-layout--from-user)");

    public ILocator UserMessages => locate(".webchat__stacked-layout--from-user");

    /// <summary>The suggested questions shown under the latest message.</summary>
    public ILocator SuggestedQuestions => locate(".webchat__suggested-actions__button");

    public ILocator BotMessageContaining(string text) => BotMessages.Filter(new LocatorFilterOptions { HasText = text }).First;

    public async Task AskAsync(string question)
    {
        await SendBox.FillAsync(question);
        await SendBox.PressAsync("Enter");
    }
}
