using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.DirectLine.Tests;

/// <summary>
/// The Azure Direct Line service's tokens/generate on loopback: answers a token for the expected
/// secret, 403 for any other, and records what it was sent.
/// </summary>
public sealed class FakeAzureDirectLine : IAsyncDisposable
{
    public const string Secret = "azure-secret-for-tests";

    private readonly WebApplication _app;

    private FakeAzureDirectLine(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public List<string> Authorizations { get; } = [];

    public List<string> Bodies { get; } = [];

    /// <summary>When set, every call fails with this status.</summary>
    public int? FailWith { get; set; }

    /// <summary>How long each call waits before it answers.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, every call answers 200 with a token body under this content type.</summary>
    public string? ContentType { get; set; }

    public static async Task<FakeAzureDirectLine> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAzureDirectLine(app);
        app.MapPost("/v3/directline/tokens/generate", async (HttpContext http) =>
        {
            var authorization = http.Request.Headers.Authorization.ToString();
            using var reader = new StreamReader(http.Request.Body);
            lock (fake.Authorizations)
            {
                fake.Authorizations.Add(authorization);
            }
            fake.Bodies.Add(await reader.ReadToEndAsync());
            if (fake.Delay > TimeSpan.Zero) await Task.Delay(fake.Delay, http.RequestAborted);
            if (fake.FailWith is { } status) return Results.StatusCode(status);
            if (fake.ContentType is { } type) return Results.Text("""{"conversationId":"azure-conv-1","token":"azure-token-1","expires_in":3600}""", type);
            return authorization == "Bearer " + Secret
                ? Results.Json(new Dictionary<string, object> { ["conversationId"] = "azure-conv-1", ["token"] = "azure-token-1", ["expires_in"] = 3600 })
                : Results.Json(new { error = new { code = "BadArgument", message = "Invalid token or secret" } }, statusCode: 403);
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v3/directline";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
