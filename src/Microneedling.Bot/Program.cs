using Microneedling.Bot;
using Microneedling.Bot.Content;
using Microneedling.Bot.Curation;
using Microneedling.Bot.PublicPages;
using Microneedling.Bot.Telemetry;
using Microneedling.BotFramework;
using Microneedling.Dialogs;
using Microneedling.DirectLine;
using Microneedling.FactCheck;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Bot.Builder;

// Any start-up failure (a broken claim file, an unusable setting, a port in use) ends the process
// with exit code 1 and one clear line on stderr — never an unhandled exception's stack trace and abort.
// (HostAbortedException is how the test host stops the entry point after Build: it must pass.)
try
{
    if (args.Contains("--prepare")) return Prepare([.. args.Where(a => a != "--prepare")]);
    var app = BuildApp(args);
    if (string.IsNullOrWhiteSpace(app.Configuration["MicrosoftAppId"]))
        app.Logger.LogWarning("No MicrosoftAppId configured: running in LOCAL MODE with channel authentication OFF; replies go only to loopback and configured serviceUrls. Use this only for the Emulator and local web chat, never in production.");
    var engine = app.Services.GetRequiredService<FactChecker>();
    app.Logger.LogInformation("Loaded {Count} claims in {Ms} ms", engine.Claims.All.Count, (int)engine.IndexTime.TotalMilliseconds);
    await app.RunAsync();
    return 0;
}
#pragma warning disable CA1031 // The process boundary: every failure becomes one message and exit code 1.
catch (Exception ex) when (ex is not OperationCanceledException and not HostAbortedException)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync("microneedling-bot: could not start: " + StartupFailure.Describe(ex));
    return 1;
}

// `--prepare`: loads the claim set as a start would, which writes the int8 sentence model and every
// content text's vector to the cache folder, and exits. An image build runs it so that a new container
// starts in about two seconds instead of eight (quantising the model and embedding some four thousand
// texts on two cores).
static int Prepare(string[] args)
{
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    var builder = WebApplication.CreateBuilder(args);
    using var logging = LoggerFactory.Create(log => log.AddSimpleConsole(console => console.SingleLine = true));
    var engine = FactCheckEngine.Load(builder.Configuration, builder.Environment, logging.CreateLogger("Microneedling.Bot.Prepare"));
    var cache = FactCheckEngine.CacheDirectory(builder.Configuration, builder.Environment.ContentRootPath);
    Console.WriteLine($"microneedling-bot: prepared {engine.Claims.All.Count} claims in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; cache: {(cache.Length > 0 ? Path.GetFullPath(cache) : "none (Matching:CacheDirectory is empty)")}");
    return 0;
}

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    var config = builder.Configuration;

    // The Bot Framework convention is port 3978; --urls, ASPNETCORE_URLS and HTTP(S)_PORTS still win.
    if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) && string.IsNullOrEmpty(config["https_ports"]))
        builder.WebHost.UseUrls("http://localhost:3978");

    // The claim set is loaded and validated at start-up (a broken set stops it), then hot-reloaded.
    builder.Services.AddFactCheckContent(config, builder.Environment);
    builder.Services.AddSingleton<IStorage>(sp => BotStorage.Create(config, builder.Environment, sp, sp.GetRequiredService<ILogger<SqliteStorageCategory>>()));
    builder.Services.AddBotFramework(config);
    builder.Services.AddMicroneedlingDialogs();
    builder.Services.AddHostedService<CurationRetentionService>();
    builder.Services.AddCuratorPage(); // /curation: off unless Curation:ApiKey is set
    builder.Services.AddSharedDataProtection(config);
    builder.Services.AddProblemDetails();
    builder.Services.AddExceptionHandler<Microneedling.Bot.StoreOutageExceptionHandler>();
    builder.Services.AddBotHealthChecks(config);
    // Behind App Service or a container ingress TLS ends at the proxy: the Direct Line streamUrl must
    // still be wss:// on the public host, so the scheme and host come from the X-Forwarded-* headers.
    // The client address (for the per-client Direct Line limits) is taken from X-Forwarded-For only
    // when the host is known to sit behind a proxy that sets it; otherwise a client could pick its own.
    builder.Services.Configure<ForwardedHeadersOptions>(options =>
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        if (config.GetValue<bool>("ForwardedHeaders:TrustForwardedFor"))
        {
            options.ForwardedHeaders |= ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 1;
        }
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
    });
    builder.Services.AddDirectLine(config);
    builder.Services.AddPublicPages();
    builder.AddBotTelemetry();

    var app = builder.Build();
    // Resolved now, so a broken claim file or store fails here, before the host listens.
    app.Services.GetRequiredService<FactChecker>();
    app.Services.GetRequiredService<IStorage>();
    // Loading leaves a few hundred MB of garbage (the float model read and quantised, every content
    // text embedded) that the GC would keep mapped until it next needs a full collection: measured
    // with the server GC, the resident peak under load went from 877 MB to 554 MB. Given back to the
    // OS once, now (tens of milliseconds; with a warm vector cache there is little to give back).
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    // Unhandled exceptions answer a problem body (503 for a store outage), never a bare 500.
    app.UseExceptionHandler();
    app.UseForwardedHeaders();
    app.UseCuratorPageGuards(); // no-store, noindex and the body cap under /curation, before authentication
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.UseCors(); // the Direct Line endpoints' policy (DirectLine:AllowedOrigins)
    app.UseWebSockets(); // the Direct Line stream
    app.UseDefaultFiles();
    app.UseStaticFiles();
    app.MapBotHealthChecks();
    app.MapDirectLine();
    app.MapPublicPages();
    app.MapCuratorPage();
    app.MapPost("/api/messages", (HttpContext http, MicroneedlingAdapter adapter, IBot bot) => adapter.ProcessMessagesAsync(http, bot));
    return app;
}

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

/// <summary>The log category of the state store's start-up line.</summary>
internal sealed class SqliteStorageCategory;
