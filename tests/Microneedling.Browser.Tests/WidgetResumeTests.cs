using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// The widget's conversation survives a reload of the host page. The host page is on another site
/// than the bot (http://localhost:port against the bot's http://127.0.0.1:port), so the chat's
/// iframe is cross-site and its own sessionStorage does not outlive the reload: the conversation is
/// kept in the host page's sessionStorage by widget.js and handed to the iframe by postMessage. The
/// host page has a strict Content-Security-Policy, which the widget must live with.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetResumeTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Title = "Ask our fact-checker";
    private const string WelcomeText = "I check common claims about microneedling";
    private const string Question = "is home rolling 3-5 times a week safe?";
    private const string AnswerText = "3 to 5 times a week";
    private const string SecondQuestion = "does microneedling help acne scars?";
    private const string HostKey = "microneedling-chat/widget-conversation";

    private readonly BrowserConsole _console = new();
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await browser.NewPageAsync(output, _console);

    public async Task DisposeAsync()
    {
        await _page.Context.DisposeAsync();
        _console.AssertClean();
    }

    private int Port => new Uri(browser.Server.Origin).Port;

    /// <summary>The host page's origin: another site than the bot's 127.0.0.1.</summary>
    private string HostOrigin => $"http://localhost:{Port}";

    private static ILocator Launcher(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = Title, Exact = true });

    private static ILocator ChatFrameElement(IPage page) => page.Locator("[data-microneedling-chat] iframe");

    private static WebChatView ChatIn(IPage page) => WebChatView.InFrame(page.FrameLocator("[data-microneedling-chat] iframe"));

    private WebChatView Chat => ChatIn(_page);

    [Fact]
    public async Task A_host_page_reload_keeps_the_widgets_conversation_and_it_goes_on()
    {
        var starts = 0;
        _page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/v3/directline/conversations", StringComparison.Ordinal)) Interlocked.Increment(ref starts);
        };
        await OpenHostPageAsync();
        await Launcher(_page).ClickAsync();
        await AskAndSeeTheAnswerAsync(Chat);

        await _page.ReloadAsync();

        // Still lazy: nothing of the chat is loaded until the panel opens.
        await Expect(Launcher(_page)).ToBeVisibleAsync();
        await Expect(ChatFrameElement(_page)).ToHaveCountAsync(0);
        await Launcher(_page).ClickAsync();
        await Expect(Chat.UserMessages.Filter(new() { HasText = Question }).First).ToBeVisibleAsync();
        await Expect(Chat.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
        await Expect(Chat.BotMessages.Filter(new() { HasText = WelcomeText })).ToHaveCountAsync(1);
        // As it opens (at the top of the last answer), and scrolled up to the question.
        await ScreenshotAsync(_page, "widget-resume-after-host-reload");
        await Chat.UserMessages.First.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(_page, "widget-resume-after-host-reload-question");

        await Chat.AskAsync(SecondQuestion);
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").First).ToContainTextAsync("acne", new() { IgnoreCase = true });
        await Expect(Chat.UserMessages).ToHaveCountAsync(2);
        // One conversation throughout, and the host page is where it is kept.
        Assert.Equal(1, starts);
        Assert.False(string.IsNullOrEmpty((await HostSavedAsync(_page)).GetProperty("conversationId").GetString()));
    }

    [Fact]
    public async Task Start_a_new_conversation_in_the_widget_clears_the_saved_one_and_a_reload_keeps_the_new_one()
    {
        await OpenHostPageAsync();
        await Launcher(_page).ClickAsync();
        await AskAndSeeTheAnswerAsync(Chat);
        var oldId = (await HostSavedAsync(_page)).GetProperty("conversationId").GetString();
        await WatchHostKeyRemovalAsync(_page);

        await _page.FrameLocator("[data-microneedling-chat] iframe").GetByRole(AriaRole.Button, new() { Name = "Start a new conversation" }).ClickAsync();

        // The old conversation is removed from the host page first, then the new one is saved.
        await _page.WaitForFunctionAsync("() => window.hostKeyRemoved === true");
        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(0);
        var newId = await WaitForSavedConversationOtherThanAsync(_page, oldId!);
        await ScreenshotAsync(_page, "widget-resume-new-conversation");

        await _page.ReloadAsync();
        await Launcher(_page).ClickAsync();

        await Expect(Chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(0);
        Assert.Equal(newId, (await HostSavedAsync(_page)).GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task A_refreshed_token_is_saved_in_the_host_page()
    {
        await OpenHostPageAsync();
        await Launcher(_page).ClickAsync();
        await AskAndSeeTheAnswerAsync(Chat);
        var oldToken = (await HostSavedAsync(_page)).GetProperty("token").GetString();
        // As if the page had been left for 25 of the token's 30 minutes: resuming refreshes it first.
        await _page.EvaluateAsync($$"""() => { const s = JSON.parse(sessionStorage.getItem('{{HostKey}}')); s.expiresAt = Date.now() + 5 * 60 * 1000; sessionStorage.setItem('{{HostKey}}', JSON.stringify(s)); }""");
        await _page.ReloadAsync();
        var refreshed = _page.WaitForResponseAsync(response => response.Url.EndsWith("/v3/directline/tokens/refresh", StringComparison.Ordinal) && response.Ok);

        await Launcher(_page).ClickAsync();

        await refreshed;
        await Expect(Chat.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
        var saved = await HostSavedAsync(_page);
        Assert.NotEqual(oldToken, saved.GetProperty("token").GetString());
        Assert.True(saved.GetProperty("expiresAt").GetDouble() > DateTimeOffset.UtcNow.AddMinutes(25).ToUnixTimeMilliseconds(), "The saved token's expiry was not extended.");
        await Chat.AskAsync(SecondQuestion);
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").First).ToContainTextAsync("acne", new() { IgnoreCase = true });
    }

    [Fact]
    public async Task A_tab_opened_from_the_host_page_continues_the_widgets_conversation_as_the_chat_page_does()
    {
        await OpenHostPageAsync();
        await Launcher(_page).ClickAsync();
        await AskAndSeeTheAnswerAsync(Chat);

        // A tab opened from this one gets a copy of its sessionStorage (HTML: "copy session storage").
        var popup = await _page.RunAndWaitForPopupAsync(() => _page.EvaluateAsync("url => { window.open(url); }", _page.Url));
        await Launcher(popup).ClickAsync();

        var other = ChatIn(popup);
        await Expect(other.UserMessages.Filter(new() { HasText = Question }).First).ToBeVisibleAsync();
        await Expect(other.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
        await ScreenshotAsync(popup, "widget-resume-new-tab");
    }

    [Fact]
    public async Task Messages_from_other_windows_and_garbage_payloads_are_ignored()
    {
        // Before the host page hands the conversation over, the chat's iframe is sent a planted one
        // from a window that is not its parent (itself, so neither source nor origin is the host
        // page's): queued as soon as embed.js listens, it arrives before the host page's answer.
        await _page.Context.AddInitScriptAsync(PlantInEmbedScript());
        // Two strangers on the host page keep posting the widget's own messages to it: one from the
        // bot's origin (the right origin, the wrong window), one sandboxed (an opaque origin).
        var strangerPath = browser.Server.AddSitePage("stranger.html", StrangerPage());
        await OpenHostPageAsync($"""
            <iframe name="stranger-bot-origin" title="Stranger" src="{browser.Server.Origin}{strangerPath}"></iframe>
            <iframe name="stranger-opaque" title="Sandboxed stranger" sandbox="allow-scripts" src="{HostOrigin}{strangerPath}"></iframe>
            """);
        await Launcher(_page).ClickAsync();

        // Had the iframe taken the planted conversation, it would say the earlier one had ended.
        await AskAndSeeTheAnswerAsync(Chat);
        var embed = _page.Frames.Single(frame => frame.Url.Contains("/embed.html", StringComparison.Ordinal));
        Assert.True(await embed.EvaluateAsync<int>("() => window.plantedSent") > 0, "Nothing was planted in the chat's iframe.");
        var saved = await HostSavedAsync(_page);
        Assert.NotEqual("planted-conversation", saved.GetProperty("conversationId").GetString());
        var conversationId = saved.GetProperty("conversationId").GetString();

        // Garbage from the host page to the iframe: ignored (the handover is done), no errors.
        await _page.EvaluateAsync($$"""
            () => {
              const frame = document.querySelector('[data-microneedling-chat]').shadowRoot.querySelector('iframe');
              [null, 42, 'garbage', { source: 'microneedling-chat', type: 'conversation', state: '{not json' },
               { source: 'microneedling-chat', type: 'conversation', state: 7 }, { source: 'microneedling-chat', type: 'focus-everything' }]
                .forEach(m => frame.contentWindow.postMessage(m, '{{browser.Server.Origin}}'));
            }
            """);
        await Chat.AskAsync(SecondQuestion);
        await Expect(Chat.BotMessages.Last.Locator(".ac-adaptiveCard").First).ToContainTextAsync("acne", new() { IgnoreCase = true });
        var token = (await HostSavedAsync(_page)).GetProperty("token").GetString();

        // Garbage from the iframe to the host page, ended by a real "close": once the panel has
        // closed, the host page has read all of it (one window's messages arrive in order).
        await embed.EvaluateAsync("""
            () => {
              [null, 42, 'garbage', [], { source: 'microneedling-chat' }, { source: 'microneedling-chat', type: 'nonsense' },
               { source: 'microneedling-chat', type: 'save-conversation', state: { conversationId: 'object' } },
               { source: 'microneedling-chat', type: 'save-conversation', state: 'x'.repeat(100000) },
               { source: 'other', type: 'clear-conversation' },
               { source: 'microneedling-chat', type: 'close' }].forEach(m => window.parent.postMessage(m, '*'));
            }
            """);
        await Expect(_page.GetByRole(AriaRole.Dialog, new() { Name = Title })).ToBeHiddenAsync();
        saved = await HostSavedAsync(_page);
        Assert.Equal(conversationId, saved.GetProperty("conversationId").GetString());
        Assert.Equal(token, saved.GetProperty("token").GetString());

        // And across a reload, with the strangers and the planter at it again during the handover.
        await _page.ReloadAsync();
        await Launcher(_page).ClickAsync();
        await Expect(Chat.UserMessages.Filter(new() { HasText = SecondQuestion }).First).ToBeVisibleAsync();
        await Expect(Chat.UserMessages).ToHaveCountAsync(2);
        // The strangers' "close" was not obeyed either.
        await Expect(_page.GetByRole(AriaRole.Dialog, new() { Name = Title })).ToBeVisibleAsync();
        await ScreenshotAsync(_page, "widget-resume-strangers-ignored");
        Assert.Equal(conversationId, (await HostSavedAsync(_page)).GetProperty("conversationId").GetString());

        foreach (var name in new[] { "stranger-bot-origin", "stranger-opaque" })
        {
            var stranger = _page.Frame(name) ?? throw new InvalidOperationException($"The frame {name} is missing.");
            Assert.True(await stranger.EvaluateAsync<int>("() => window.sent") > 0, $"{name} sent nothing.");
            // The host page handed them nothing.
            Assert.Equal(0, await stranger.EvaluateAsync<int>("() => window.received.length"));
        }
    }

    private string PlantedConversation() =>
        $$"""{ token: 'planted', conversationId: 'planted-conversation', domain: '{{browser.Server.Origin}}/v3/directline', expiresAt: Date.now() + 3600000, watermark: '' }""";

    /// <summary>
    /// Runs at the start of every document of the context; in the chat's iframe it posts a planted
    /// handover to the iframe itself right after each "message" listener is added (embed.js's among
    /// them), so it is queued before embed.js asks the host page for the real one.
    /// </summary>
    private string PlantInEmbedScript() => $$"""
        if (location.pathname === '/embed.html') {
          window.plantedSent = 0;
          const add = window.addEventListener;
          window.addEventListener = function (type) {
            const result = add.apply(this, arguments);
            if (type === 'message') {
              window.postMessage({ source: 'microneedling-chat', type: 'conversation', state: JSON.stringify({{PlantedConversation()}}) }, '*');
              window.plantedSent++;
            }
            return result;
          };
        }
        """;

    private string StrangerPage() => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Stranger</title></head>
        <body>
        <script>
          window.received = [];
          window.sent = 0;
          // What the host page (widget.js) sends this frame.
          window.addEventListener('message', e => { if (e.source === window.parent) window.received.push(e.data); });
          const planted = JSON.stringify({{PlantedConversation()}});
          const messages = [
            { source: 'microneedling-chat', type: 'ready' },
            { source: 'microneedling-chat', type: 'save-conversation', state: planted },
            { source: 'microneedling-chat', type: 'clear-conversation' },
            { source: 'microneedling-chat', type: 'close' },
            null, 'garbage', 42
          ];
          const started = Date.now();
          const timer = setInterval(() => {
            if (Date.now() - started > 20000) { clearInterval(timer); return; }
            for (const m of messages) { window.parent.postMessage(m, '*'); window.sent++; }
          }, 50);
        </script>
        </body></html>
        """;

    private static async Task AskAndSeeTheAnswerAsync(WebChatView chat)
    {
        await Expect(chat.BotMessageContaining(WelcomeText)).ToBeVisibleAsync();
        await chat.AskAsync(Question);
        await Expect(chat.BotMessageContaining(AnswerText)).ToBeVisibleAsync();
    }

    /// <summary>The conversation widget.js keeps in the host page's sessionStorage.</summary>
    private static async Task<JsonElement> HostSavedAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{HostKey}')");
        Assert.False(text is null, "The host page keeps no conversation.");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sets window.hostKeyRemoved on the host page when its saved conversation is removed.</summary>
    private static Task WatchHostKeyRemovalAsync(IPage page) => page.EvaluateAsync($$"""
        () => {
          const remove = Storage.prototype.removeItem;
          window.hostKeyRemoved = false;
          Storage.prototype.removeItem = function (key) {
            if (this === window.sessionStorage && key === '{{HostKey}}') window.hostKeyRemoved = true;
            return remove.apply(this, arguments);
          };
        }
        """);

    private static async Task<string> WaitForSavedConversationOtherThanAsync(IPage page, string oldId)
    {
        var handle = await page.WaitForFunctionAsync($"oldId => {{ const s = sessionStorage.getItem('{HostKey}'); return s && JSON.parse(s).conversationId !== oldId ? JSON.parse(s).conversationId : null; }}", oldId);
        return await handle.JsonValueAsync<string>();
    }

    private async Task OpenHostPageAsync(string extraBody = "")
    {
        var bot = browser.Server.Origin;
        // Scripts only from the bot, frames only from the bot (and this page's own stranger), no
        // inline script or style, no requests of the page's own: what a careful site would set.
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {bot}; frame-src {bot} {HostOrigin}; img-src data:">
              <link rel="icon" href="data:,">
              <title>A skin clinic</title>
            </head>
            <body>
              <h1>A skin clinic</h1>
              <p>Opening hours and prices.</p>
              {extraBody}
              <script src="{bot}/widget.js" data-title="{Title}" data-color="#225588" data-locale="en-GB"></script>
            </body>
            </html>
            """;
        var path = browser.Server.AddSitePage("resume-clinic.html", html);
        await _page.GotoAsync(HostOrigin + path);
        await Expect(Launcher(_page)).ToBeVisibleAsync();
    }

    private async Task ScreenshotAsync(IPage page, string name) =>
        output.WriteLine("Screenshot: " + await browser.ScreenshotAsync(page, name));
}
