using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Browser.Tests;

/// <summary>
/// The real bot host on Kestrel at 127.0.0.1 and a free port (a browser needs a socket, not the
/// in-memory test server), in local mode with in-memory state. It also serves the tests' own
/// "other site" pages under <see cref="SitePath"/>, so a page can embed widget.js from a
/// loopback server (Chromium lets only loopback pages load scripts from loopback).
/// </summary>
public sealed class BotServer : WebApplicationFactory<Program>
{
    public const string SitePath = "/test-site/";

    /// <summary>The curators' key: the /curation page is on for the browser tests.</summary>
    public const string CuratorKey = "browser-curator-key-5d1e8a";

    private readonly ConcurrentDictionary<string, string> _sitePages = new(StringComparer.Ordinal);

    public BotServer() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>The server's root, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Origin = addresses.Single().TrimEnd('/');
    }

    /// <summary>Serves <paramref name="html"/> at <see cref="SitePath"/> + <paramref name="name"/>; returns that path.</summary>
    public string AddSitePage(string name, string html)
    {
        _sitePages[SitePath + name] = html;
        return SitePath + name;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("Curation:ApiKey", CuratorKey);
        // Program.cs falls back to localhost:3978 when no URL is configured; Kestrel's Listen wins anyway.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new SitePages(_sitePages)));
    }

    /// <summary>Answers the registered test pages before the bot's own pipeline sees the request.</summary>
    private sealed class SitePages(ConcurrentDictionary<string, string> pages) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (pages.TryGetValue(http.Request.Path.Value ?? "", out var html))
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(html, http.RequestAborted);
                    return;
                }
                await nextMiddleware(http);
            });
            next(app);
        };
    }
}
