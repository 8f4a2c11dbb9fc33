using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// Never stuck: when the token or conversation endpoint refuses (429 with Retry-After, 5xx), when
/// the browser is offline and when the conversation cannot be reconnected, the page says what is
/// wrong and offers a way forward, and the way forward works.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionProblemTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string WelcomeText = "I check common claims about microneedling";
    private const string StartUrl = "**/v3/directline/conversations";
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

    private ILocator Alert(string text) => _page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text });

    [Fact]
    public async Task The_25th_conversation_from_one_address_within_an_hour_still_connects()
    {
        // 24 conversations started from this address (127.0.0.1) the way the page starts them.
        using var http = new HttpClient { BaseAddress = new Uri(browser.Server.Origin) };
        for (var i = 0; i < 24; i++)
        {
            var page = await (await http.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { }) };
            start.Headers.Authorization = new("Bearer", page.GetProperty("token").GetString());
            Assert.Equal(System.Net.HttpStatusCode.Created, (await http.SendAsync(start)).StatusCode);
        }

        await _page.GotoAsync(browser.Server.Origin + "/");

        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(_page.Locator(".chat-notice [role=alert]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_429_says_why_and_when_and_the_page_tries_again_by_itself_after_Retry_After()
    {
        _console.Expect("status of 429");
        var refusals = 0;
        await _page.RouteAsync(StartUrl, async route =>
        {
            if (route.Request.Method == "POST" && Interlocked.Increment(ref refusals) == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 429,
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "3" },
                    ContentType = "application/json",
                    Body = """{"error":{"code":"TooManyRequests","message":"Too many conversations were started from this address; retry later."}}""",
                });
                return;
            }
            await route.ContinueAsync();
        });

        await _page.GotoAsync(browser.Server.Origin + "/");

        var alert = Alert("holding new ones back");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("try again by itself in 3 seconds");
        await Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, "connection-429");

        // No click: the page waits out Retry-After and connects.
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(alert).ToHaveCountAsync(0);
        Assert.Equal(2, refusals);
    }

    [Fact]
    public async Task A_5xx_on_reconnecting_after_a_reload_says_so_and_Try_again_brings_the_conversation_back()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await _chat.AskAsync("does microneedling help acne scars?");
        await Expect(_chat.BotMessages.Nth(1).Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();

        _console.Expect("status of 503");
        const string reconnectUrl = "**/v3/directline/conversations/*";
        await _page.RouteAsync(reconnectUrl, route => route.Request.Method == "GET"
            ? route.FulfillAsync(new() { Status = 503 })
            : route.ContinueAsync());
        await _page.ReloadAsync();

        var alert = Alert("having a problem");
        await Expect(alert).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, "connection-5xx");

        await _page.UnrouteAsync(reconnectUrl);
        await alert.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(_chat.UserMessages.Filter(new() { HasText = "acne scars" }).First).ToBeVisibleAsync();
        await Expect(alert).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Offline_says_so_and_the_chat_reconnects_and_answers_when_the_connection_is_back()
    {
        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();

        await _page.Context.SetOfflineAsync(true);
        await Expect(Alert("You seem to be offline")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, "connection-offline");

        await _page.Context.SetOfflineAsync(false);
        await Expect(Alert("You seem to be offline")).ToHaveCountAsync(0);
        await Expect(_chat.SendBox).ToBeEditableAsync();
        await _chat.AskAsync("is home rolling 3-5 times a week safe?");
        await Expect(_chat.BotMessageContaining("3 to 5 times a week")).ToBeVisibleAsync();
        // The conversation went on: the welcome from before the drop is still there, once.
        await Expect(_chat.BotMessages.Filter(new() { HasText = WelcomeText })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_dropped_stream_that_cannot_be_reconnected_offers_Reconnect_and_Reconnect_works()
    {
        IWebSocketRoute? firstStream = null;
        await _page.RouteWebSocketAsync("**/stream*", socket =>
        {
            firstStream ??= socket;
            socket.ConnectToServer();
        });
        await _page.GotoAsync(browser.Server.Origin + "/");
        await Expect(_chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();

        // The stream drops, and Web Chat's client cannot get it back: its token is refused (403).
        _console.Expect("status of 403");
        const string reconnectUrl = "**/v3/directline/conversations/*";
        await _page.RouteAsync(reconnectUrl, route => route.Request.Method == "GET"
            ? route.FulfillAsync(new() { Status = 403, ContentType = "application/json", Body = """{"error":{"code":"TokenExpired","message":"Token expired."}}""" })
            : route.ContinueAsync());
        await firstStream!.CloseAsync();

        var alert = Alert("connection to the chat was lost");
        // Web Chat's client waits 3–15 s before it tries to reconnect.
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Start a new conversation" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(_page, "connection-lost");

        await _page.UnrouteAsync(reconnectUrl);
        await alert.GetByRole(AriaRole.Button, new() { Name = "Reconnect" }).ClickAsync();
        await Expect(alert).ToHaveCountAsync(0);
        await Expect(_chat.BotMessages.Filter(new() { HasText = WelcomeText })).ToHaveCountAsync(1);
        await _chat.AskAsync("does microneedling help acne scars?");
        await Expect(_chat.BotMessages.Nth(1).Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();
    }
}
