using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Microneedling.Browser.Tests;

/// <summary>
/// What the pages of one browser context reported as wrong: console errors, uncaught script errors
/// and failed requests, in every page and frame (the widget's iframe too). A test that provokes an
/// error on purpose (a refused request logs "Failed to load resource") names it with <see cref="Expect"/>;
/// anything else fails the test in <see cref="AssertClean"/>.
/// </summary>
public sealed class BrowserConsole
{
    private readonly List<string> _problems = [];
    private readonly List<Regex> _expected = [];

    public void Watch(IBrowserContext context, ITestOutputHelper output)
    {
        context.Page += (_, page) => Watch(page, output);
    }

    private void Watch(IPage page, ITestOutputHelper output)
    {
        page.Console += (_, message) => { if (message.Type == "error") Add(output, $"console error: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => Add(output, "page error: " + error);
        page.RequestFailed += (_, request) =>
        {
            // A page or frame that is closed or navigated away cancels what it was loading: not a fault.
            if (request.Failure is "net::ERR_ABORTED") return;
            Add(output, $"request failed: {request.Url} ({request.Failure})");
        };
    }

    /// <summary>An error this test causes on purpose, e.g. the log line of a refused request.</summary>
    public void Expect(string pattern) { lock (_problems) _expected.Add(new Regex(pattern)); }

    public IReadOnlyList<string> Problems { get { lock (_problems) return [.. _problems]; } }

    public void AssertClean()
    {
        string[] unexpected;
        lock (_problems) unexpected = [.. _problems.Where(p => !_expected.Any(e => e.IsMatch(p)))];
        Assert.True(unexpected.Length == 0, "The browser reported:\n" + string.Join("\n", unexpected));
    }

    private void Add(ITestOutputHelper output, string problem)
    {
        output.WriteLine("browser " + problem);
        lock (_problems) _problems.Add(problem);
    }
}
