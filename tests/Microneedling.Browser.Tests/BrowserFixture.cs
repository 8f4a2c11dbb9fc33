using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// One bot server and one headless Debian Chromium shared by every browser test. A missing
/// Chromium fails the tests (tests/run.sh installs it); it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BotServer Server { get; } = new();

    /// <summary>Where the tests' screenshots go: screenshots/ next to the test assembly.</summary>
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium was not found at {chromium}. Install it (apt-get install chromium) or run tests/run.sh, which does.");

        Directory.CreateDirectory(ScreenshotFolder);
        // Replies take a second or two; a cold server and first Web Chat load take longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        Server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Stops Chromium's own background look-ups of Google hosts; only loopback resolves.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
            ],
        });
    }

    /// <summary>
    /// A fresh page in its own context (no shared storage between tests). Its console errors, script
    /// errors and failed requests go to the test's output and to <paramref name="console"/>, which
    /// the tests assert clean at the end (<see cref="BrowserConsole.AssertClean"/>).
    /// </summary>
    public async Task<IPage> NewPageAsync(ITestOutputHelper output, BrowserConsole console, int width = 1100, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        console.Watch(context, output);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // A page load fetches Web Chat's bundle (several MB) from the test host; on a busy two-core
        // CI machine that alone took over 15 s once.
        page.SetDefaultNavigationTimeout(30_000);
        return page;
    }

    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
