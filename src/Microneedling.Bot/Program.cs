using Microneedling.Bot;
using Microneedling.Bot.Telemetry;
using Microneedling.BotFramework;
using Microneedling.BotFramework.Auth;
using Microneedling.BotFramework.Connector;
using Microneedling.BotFramework.Http;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs;
using Microneedling.DirectLine;
using Microneedling.FactCheck;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

// The Bot Framework convention is port 3978; --urls, ASPNETCORE_URLS and HTTP(S)_PORTS still win.
if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) && string.IsNullOrEmpty(config["https_ports"]))
    builder.WebHost.UseUrls("http://localhost:3978");

// The fact-check engine loads and validates the claim set once; a broken set stops start-up.
builder.Services.AddSingleton(_ => FactChecker.Load(config["Content:Path"] is { Length: > 0 } dir ? dir : null));

var auth = BotAuthOptions.FromConfiguration(config);
builder.Services.AddSingleton(auth);
builder.Services.AddHttpClient<ChannelTokenValidator>();
builder.Services.AddSingleton(sp => new TrustedServiceUrls(
    config.GetSection("Connector:TrustedServiceUrls").Get<string[]>() ?? [],
    allowLoopback: !auth.IsAuthEnabled));
builder.Services.AddSingleton<IAccessTokenProvider>(_ => auth.IsAuthEnabled
    ? new MsalAccessTokenProvider(auth.AppType, auth.AppId!, config["MicrosoftAppPassword"], auth.TenantId)
    : new NoAccessTokenProvider());
builder.Services.AddHttpClient<ConnectorClient>().AddStandardResilienceHandler();
builder.Services.AddSingleton<IStorage>(sp => BotStorage.Create(config, builder.Environment, sp.GetRequiredService<ILogger<SqliteStorage>>()));
builder.Services.AddMicroneedlingDialogs();
builder.Services.AddSingleton<IBot, MicroneedlingBot>();
builder.Services.AddSingleton<BotFrameworkAdapter>();
builder.Services.AddProblemDetails();
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
builder.AddBotTelemetry();

var app = builder.Build();

if (!auth.IsAuthEnabled)
    app.Logger.LogWarning("No MicrosoftAppId configured: running in LOCAL MODE with channel authentication OFF. Use this only for the Emulator and local web chat, never in production.");

var engine = app.Services.GetRequiredService<FactChecker>();
app.Logger.LogInformation("Loaded {Count} claims in {Ms} ms", engine.Claims.All.Count, (int)engine.IndexTime.TotalMilliseconds);

app.UseForwardedHeaders();
app.UseWebSockets(); // the Direct Line stream
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapGet("/healthz", () => Results.Ok(new { status = "alive" }));
app.MapGet("/readyz", (FactChecker checker) => checker.Claims.All.Count > 0
    ? Results.Ok(new { status = "ready", claims = checker.Claims.All.Count })
    : Results.Problem("The claim set is empty.", statusCode: 503));
app.MapDirectLine();
app.MapPost("/api/messages", (HttpContext http, BotFrameworkAdapter adapter, IBot bot) => adapter.ProcessAsync(http, bot, http.RequestAborted));

app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
