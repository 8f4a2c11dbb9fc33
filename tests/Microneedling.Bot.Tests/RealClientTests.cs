using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests;

/// <summary>
/// Third-party clients from npm (tests/clients, installed by tests/run.sh with npm ci) against the
/// real host on a loopback port: offline-directline acting as the channel in front of /api/messages
/// (the bot's replies go back through its Connector API, which answers 200 with an empty body), and
/// botframework-directlinejs — the client Web Chat is built on — against the built-in Direct Line by
/// polling and by WebSocket. Not our own fakes: these are the peers people deploy with.
/// </summary>
public sealed class RealClientTests(RealClientTests.KestrelHost host) : IClassFixture<RealClientTests.KestrelHost>
{
    private const string Question = "is home rolling 3-5 times a week safe?";

    [Fact]
    public async Task Offline_directline_as_the_channel_delivers_the_answer_through_the_Connector_API()
    {
        var result = await RunAsync("offline-directline-channel.mjs", host.Origin + "/api/messages", Question);

        Assert.True((bool?)result["ok"], result.ToJsonString());
        Assert.Equal("home-frequency", (string?)result["claim"]);
    }

    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task DirectLineJS_sees_its_own_echo_and_the_answer_with_its_ClaimReview(string mode)
    {
        var result = await RunAsync("directlinejs-builtin.mjs", host.Origin, mode, Question);

        Assert.True((bool?)result["ok"], result.ToJsonString());
        Assert.Equal("home-frequency", (string?)result["claim"]);
        Assert.Equal((string?)result["id"], (string?)result["replyToId"]);
    }

    /// <summary>Runs a client script with node; its last output line is its JSON result.</summary>
    private static async Task<JsonObject> RunAsync(string script, params string[] arguments)
    {
        var clients = ClientsFolder();
        var start = new ProcessStartInfo("node", [Path.Combine(clients, script), .. arguments])
        {
            WorkingDirectory = clients,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started (Node.js 20 or later is needed).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish in 60 s: {await error}");
        }
        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        Assert.True(last.StartsWith('{'), $"{script} printed no result (exit {process.ExitCode}): {await output} {await error}");
        return JsonNode.Parse(last)!.AsObject();
    }

    /// <summary>tests/clients with its npm packages installed; a missing install fails (it never skips).</summary>
    private static string ClientsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Microneedling.sln"))) continue;
            var clients = Path.Combine(dir.FullName, "tests", "clients");
            Assert.True(
                Directory.Exists(Path.Combine(clients, "node_modules", "offline-directline")) && Directory.Exists(Path.Combine(clients, "node_modules", "botframework-directlinejs")),
                "The npm clients are not installed: run `npm ci` in tests/clients (tests/run.sh does).");
            return clients;
        }
        throw new InvalidOperationException("The repository root (Microneedling.sln) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The real host (real engine and dialogs) on Kestrel at 127.0.0.1 and a free port, local mode, in-memory state.</summary>
    public sealed class KestrelHost : WebApplicationFactory<Program>
    {
        public KestrelHost()
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            Origin = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        }

        /// <summary>The server's root, e.g. http://127.0.0.1:41234.</summary>
        public string Origin { get; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Provider", "memory");
            builder.UseSetting("MicrosoftAppId", "");
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }
    }
}
