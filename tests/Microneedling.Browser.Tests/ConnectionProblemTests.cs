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
public sealed class ConnectionProblemTests(BrowserFixture browser, ITestOutputHelper output) : ChatPageTest(browser, output)
{
    private const string StartUrl = "**/v3/directline/conversations";

    private ILocator Alert(string text) => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = text });

    [Fact]
    public async Task The_25th_conversation_from_one_address_within_an_hour_still_connects()
    {
        // 24 conversations started from this address (127.0.0.1) the way the page starts them.
        using var http = new HttpClient { BaseAddress = new Uri(Browser.Server.Origin) };
        for (var i = 0; i < 24; i++)
        {
            var page = await (await http.PostAsync("/api/directline/token", null)).Content.ReadFromJsonAsync<JsonElement>();
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { }) };
            start.Headers.Authorization = new("Bearer", page.GetProperty("token").GetString());
            Assert.Equal(System.Net.HttpStatusCode.Created, (await http.SendAsync(start)).StatusCode);
        }

        await Page.GotoAsync(Browser.Server.Origin + "/");

        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Page.Locator(".chat-notice [role=alert]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_429_says_why_and_when_and_the_page_tries_again_by_itself_after_Retry_After()
    {
        PageConsole.Expect("status of 429");
        var refusals = 0;
        await Page.RouteAsync(StartUrl, async route =>
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

        await Page.GotoAsync(Browser.Server.Origin + "/");

        var alert = Alert("holding new ones back");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("try again by itself in 3 seconds");
        await Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "connection-429");

        // No click: the page waits out Retry-After and connects.
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(alert).ToHaveCountAsync(0);
        Assert.Equal(2, refusals);
    }

    [Fact]
    public async Task A_5xx_on_reconnecting_after_a_reload_says_so_and_Try_again_brings_the_conversation_back()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Chat.AskAsync("does microneedling help acne scars?");
        await Expect(Chat.BotMessages.Nth(1).Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();

        PageConsole.Expect("status of 503");
        const string reconnectUrl = "**/v3/directline/conversations/*";
        await Page.RouteAsync(reconnectUrl, route => route.Request.Method == "GET"
            ? route.FulfillAsync(new() { Status = 503 })
            : route.ContinueAsync());
        await Page.ReloadAsync();

        var alert = Alert("having a problem");
        await Expect(alert).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "connection-5xx");

        await Page.UnrouteAsync(reconnectUrl);
        await alert.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(Chat.UserMessages.Filter(new() { HasText = "acne scars" }).First).ToBeVisibleAsync();
        await Expect(alert).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Offline_says_so_and_the_chat_reconnects_and_answers_when_the_connection_is_back()
    {
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();

        await Page.Context.SetOfflineAsync(true);
        await Expect(Alert("You seem to be offline")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "connection-offline");

        await Page.Context.SetOfflineAsync(false);
        await Expect(Alert("You seem to be offline")).ToHaveCountAsync(0);
        await Expect(Chat.SendBox).ToBeEditableAsync();
        await Chat.AskAsync("is home rolling 3-5 times a week safe?");
        await Expect(Chat.BotMessageContaining("3 to 5 times a week")).ToBeVisibleAsync();
        // The conversation went on: the welcome from before the drop is still there, once.
        await Expect(Chat.BotMessages.Filter(new() { HasText = WelcomeText })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_dropped_stream_that_cannot_be_reconnected_offers_Reconnect_and_Reconnect_works()
    {
        IWebSocketRoute? firstStream = null;
        await Page.RouteWebSocketAsync("**/stream*", socket =>
        {
            firstStream ??= socket;
            socket.ConnectToServer();
        });
        await Page.GotoAsync(Browser.Server.Origin + "/");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();

        // The stream drops, and Web Chat's client cannot get it back: its token is refused (403).
        PageConsole.Expect("status of 403");
        const string reconnectUrl = "**/v3/directline/conversations/*";
        await Page.RouteAsync(reconnectUrl, route => route.Request.Method == "GET"
            ? route.FulfillAsync(new() { Status = 403, ContentType = "application/json", Body = """{"error":{"code":"TokenExpired","message":"Token expired."}}""" })
            : route.ContinueAsync());
        await firstStream!.CloseAsync();

        var alert = Alert("connection to the chat was lost");
        // Web Chat's client waits 3–15 s before it tries to reconnect.
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Start a new conversation" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "connection-lost");

        await Page.UnrouteAsync(reconnectUrl);
        await alert.GetByRole(AriaRole.Button, new() { Name = "Reconnect" }).ClickAsync();
        await Expect(alert).ToHaveCountAsync(0);
        await Expect(Chat.BotMessages.Filter(new() { HasText = WelcomeText })).ToHaveCountAsync(1);
        await Chat.AskAsync("does microneedling help acne scars?");
        await Expect(Chat.BotMessages.Nth(1).Locator(".ac-adaptiveCard").First).ToBeVisibleAsync();
    }
}
