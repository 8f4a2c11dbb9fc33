using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Microneedling.Bot.Tests;

/// <summary>
/// A fake Bot Connector service on loopback: a real Kestrel server speaking the two Connector calls
/// the bot makes (reply to activity, send to conversation), recording each call and answering with a
/// resource id — or with a scripted failure (429 with Retry-After, 503) to exercise the retry policy.
/// The bot's Connector HttpClient gets <see cref="CreateHandler"/>, which sends every outbound call
/// over real HTTP to this server whatever host the serviceUrl names (Teams and Web Chat serviceUrls
/// are https hosts on the internet); the original URL travels in a header. Tests never reach the network.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private const string OriginalUrlHeader = "X-Original-Url";
    private readonly WebApplication _app;
    private readonly List<ConnectorCall> _calls = [];
    private readonly Queue<(HttpStatusCode Status, TimeSpan? RetryAfter)> _failures = new();
    private readonly Queue<(string Body, string? ContentType)> _successBodies = new();
    private int _attempts;

    public FakeConnector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", (Func<HttpContext, Task<IResult>>)ReceiveAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Urls.First());
    }

    /// <summary>Where the fake listens (http://127.0.0.1:port).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The calls that reached the fake and were answered 200, in order.</summary>
    public IReadOnlyList<ConnectorCall> Calls
    {
        get { lock (_calls) return _calls.ToList(); }
    }

    /// <summary>Every request that arrived, failures included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The next calls are answered with <paramref name="status"/> (and Retry-After when given) instead of 200.</summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        lock (_failures)
        {
            for (var i = 0; i < count; i++) _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>The next successful calls are answered 200 with <paramref name="body"/> (of <paramref name="contentType"/>, or none) instead of a resource id.</summary>
    public void AnswerNextWith(int count, string body, string? contentType)
    {
        lock (_successBodies)
        {
            for (var i = 0; i < count; i++) _successBodies.Enqueue((body, contentType));
        }
    }

    /// <summary>The primary handler for the bot's Connector HttpClient: every request goes to this fake.</summary>
    public HttpMessageHandler CreateHandler() => new RedirectToLoopback(BaseAddress) { InnerHandler = new SocketsHttpHandler() };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        Interlocked.Increment(ref _attempts);
        lock (_failures)
        {
            if (_failures.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is { } wait)
                    http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode((int)failure.Status);
            }
        }
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        if (body is null) return Results.BadRequest();
        var url = new Uri(http.Request.Headers[OriginalUrlHeader].ToString());
        int count;
        lock (_calls)
        {
            _calls.Add(new ConnectorCall(new HttpMethod(http.Request.Method), url, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body));
            count = _calls.Count;
        }
        lock (_successBodies)
        {
            if (_successBodies.TryDequeue(out var success))
            {
                return success.Body.Length == 0 && success.ContentType is null
                    ? Results.Ok()
                    : Results.Text(success.Body, success.ContentType ?? "text/plain");
            }
        }
        return Results.Json(new { id = "sent-" + count.ToString(CultureInfo.InvariantCulture) });
    }

    private sealed class RedirectToLoopback(Uri loopback) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            request.Headers.Add(OriginalUrlHeader, original.AbsoluteUri);
            request.RequestUri = new Uri(loopback, original.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>One Connector call as the fake received it; <see cref="Url"/> is the URL the bot called.</summary>
public sealed record ConnectorCall(HttpMethod Method, Uri Url, string? Authorization, JsonObject Body);
