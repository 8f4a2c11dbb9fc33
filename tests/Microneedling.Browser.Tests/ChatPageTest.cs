using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// A test of the chat page: a fresh browser context with the page's console watched, Web Chat inside it,
/// and at the end no console error the test did not expect (<see cref="BrowserConsole"/>).
/// </summary>
public abstract class ChatPageTest(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    protected const string WelcomeText = "I check common claims about microneedling";

    protected BrowserFixture Browser { get; } = browser;

    protected ITestOutputHelper Output { get; } = output;

    protected BrowserConsole PageConsole { get; } = new();

    protected IPage Page { get; private set; } = null!;

    private protected WebChatView Chat { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Page = await Browser.NewPageAsync(Output, PageConsole);
        Chat = WebChatView.InPage(Page);
    }

    public async Task DisposeAsync()
    {
        await Page.Context.DisposeAsync();
        PageConsole.AssertClean();
    }
}
