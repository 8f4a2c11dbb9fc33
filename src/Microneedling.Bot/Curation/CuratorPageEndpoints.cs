using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Curation;
using Microneedling.FactCheck;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.Curation;

/// <summary>
/// The curators' page: <c>/curation</c> shows the <see cref="CurationReport"/> (the CLI's
/// <c>curation report</c>) server-rendered, no script; items are marked reviewed with a form
/// (<c>POST /curation/reviewed</c>, antiforgery) or JSON (<c>POST /curation/api/reviewed</c>, key in a
/// header). Off unless <c>Curation:ApiKey</c> is set (then nothing is mapped: 404); behind
/// <see cref="CuratorAuthentication"/>. The questions are health data: every answer under /curation is
/// <c>no-store</c> and <c>noindex</c>, robots.txt disallows it, the sitemap leaves it out, and nothing
/// here logs a question or a key.
/// </summary>
internal static class CuratorPageEndpoints
{
    public const string Path = "/curation";
    public const string SignInPath = Path + "/sign-in";
    public const string SignInRateLimit = "curator-sign-in";

    /// <summary>The largest request body taken under /curation: a form holds an id or a key, nothing more.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    private const int MaxIdLength = 64;

    public static IServiceCollection AddCuratorPage(this IServiceCollection services)
    {
        services.AddOptions<CuratorPageOptions>().BindConfiguration(CuratorPageOptions.Section)
            .Validate(o => !o.Problems().Any(), $"Curation:ApiKey must be at least {CuratorPageOptions.MinKeyLength} characters without surrounding spaces, Curation:SignInLifetime between 00:05:00 and 30.00:00:00, Curation:SignInAttemptsPerMinute between 1 and 1000.")
            .ValidateOnStart();
        services.AddSingleton<CuratorKey>();
        services.AddSingleton(sp => new CurationReview(sp.GetRequiredService<IStorage>(), sp.GetRequiredService<TimeProvider>()));
        services.AddCuratorAuthentication();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<CuratorPageOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    /// <summary>
    /// Before authentication: the privacy headers on every answer under /curation (401s and redirects
    /// too), and the body size cap, so an oversized form is refused before anything reads it.
    /// </summary>
    public static IApplicationBuilder UseCuratorPageGuards(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                headers["X-Robots-Tag"] = "noindex, nofollow";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                return Task.CompletedTask;
            });
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The limit is {MaxBodyBytes / 1024} KB.").ExecuteAsync(http).ConfigureAwait(false);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
            await next(http).ConfigureAwait(false);
        }));

    public static IEndpointRouteBuilder MapCuratorPage(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<CuratorPageOptions>>().Value.Enabled) return endpoints;
        var page = endpoints.MapGroup(Path);
        page.MapGet("", Report).RequireAuthorization(CuratorAuthentication.Policy);
        page.MapPost("/reviewed", MarkReviewedForm).RequireAuthorization(CuratorAuthentication.Policy);
        page.MapPost("/api/reviewed", MarkReviewedJson).RequireAuthorization(CuratorAuthentication.KeyPolicy);
        page.MapGet("/sign-in", SignInForm);
        page.MapPost("/sign-in", SignIn).RequireRateLimiting(SignInRateLimit);
        page.MapPost("/sign-out", SignOut).RequireAuthorization(CuratorAuthentication.Policy);
        return endpoints;
    }

    private static async Task<IResult> Report(HttpContext http, IStorage storage, FactChecker engine, IAntiforgery antiforgery, string? since, string? reviewed)
    {
        if (!TryDay(since, out var day)) return BadRequest("'since' is not a day in the form YYYY-MM-DD.");
        if (!TryFlag(reviewed, out var showReviewed)) return BadRequest("'reviewed' is 1 (show reviewed items) or absent.");
        if (storage is not IStorageScan scan) return Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "This store cannot list the curator records.");
        var report = await CurationReport.ReadAsync(scan, day, showReviewed, http.RequestAborted).ConfigureAwait(false);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<CurationPage>(new Dictionary<string, object?>
        {
            [nameof(CurationPage.Report)] = report,
            [nameof(CurationPage.Claims)] = engine.Claims,
            [nameof(CurationPage.Base)] = http.Request.PathBase + Path,
            [nameof(CurationPage.FormField)] = tokens.FormFieldName,
            [nameof(CurationPage.FormToken)] = tokens.RequestToken,
        });
    }

    private static async Task<IResult> MarkReviewedForm(HttpContext http, IAntiforgery antiforgery, CurationReview review)
    {
        if (await ReadFormAsync(http, antiforgery).ConfigureAwait(false) is not { } form) return FormRefused();
        if (!TryDay(form["since"], out var since) || !TryFlag(form["reviewed"], out var showReviewed)) return BadRequest("The form's view fields are not valid.");
        var outcome = await MarkAsync(review, form["id"], http.RequestAborted).ConfigureAwait(false);
        if (outcome is not null) return outcome;
        // Back to the view the curator was looking at (post, redirect, get: a reload does not post again).
        var query = new QueryBuilder();
        if (since is { } day) query.Add("since", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (showReviewed) query.Add("reviewed", "1");
        return Results.Redirect(http.Request.PathBase + Path + query.ToQueryString());
    }

    private static async Task<IResult> MarkReviewedJson(HttpContext http, CurationReview review)
    {
        if (!(http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON: {\"id\": \"unanswered/...\"}.");
        ReviewRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<ReviewRequest>(http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return BadRequest("The body is not the JSON {\"id\": \"unanswered/...\"}.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The limit is {MaxBodyBytes / 1024} KB.");
        }
        var outcome = await MarkAsync(review, request?.Id, http.RequestAborted).ConfigureAwait(false);
        return outcome ?? Results.Ok(new ReviewResponse(request!.Id!, Reviewed: true));
    }

    private static RazorComponentResult<CuratorSignInPage> SignInForm(HttpContext http, IAntiforgery antiforgery) => SignInPage(http, antiforgery, null);

    private static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, CuratorKey key)
    {
        if (await ReadFormAsync(http, antiforgery).ConfigureAwait(false) is not { } form) return FormRefused();
        var presented = form["key"];
        if (presented.Count != 1 || !key.Matches(presented[0]))
            return SignInPage(http, antiforgery, "That is not the curator key.", StatusCodes.Status401Unauthorized);
        await http.SignInAsync(CuratorAuthentication.CookieScheme, CuratorAuthentication.SignedIn(key)).ConfigureAwait(false);
        return Results.Redirect(http.Request.PathBase + Path);
    }

    private static async Task<IResult> SignOut(HttpContext http, IAntiforgery antiforgery)
    {
        if (await ReadFormAsync(http, antiforgery).ConfigureAwait(false) is null) return FormRefused();
        await http.SignOutAsync(CuratorAuthentication.CookieScheme).ConfigureAwait(false);
        return Results.Redirect(http.Request.PathBase + SignInPath);
    }

    private static RazorComponentResult<CuratorSignInPage> SignInPage(HttpContext http, IAntiforgery antiforgery, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new RazorComponentResult<CuratorSignInPage>(new Dictionary<string, object?>
        {
            [nameof(CuratorSignInPage.Action)] = http.Request.PathBase + SignInPath,
            [nameof(CuratorSignInPage.Error)] = error,
            [nameof(CuratorSignInPage.FormField)] = tokens.FormFieldName,
            [nameof(CuratorSignInPage.FormToken)] = tokens.RequestToken,
        })
        { StatusCode = status };
    }

    // The form, or null when it is not a form, cannot be read (too many or too long fields) or its
    // antiforgery token is missing or not this browser's: it did not come from our page.
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType) return null;
        try
        {
            if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false)) return null;
            return await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return null; // the form could not even be read for its token (a broken multipart body...)
        }
        catch (InvalidDataException)
        {
            return null;
        }
        catch (BadHttpRequestException)
        {
            return null;
        }
    }

    private static IResult FormRefused() => BadRequest("The form is not valid or did not come from the curation page: reload the page and try again.");

    private static async Task<IResult?> MarkAsync(CurationReview review, Microsoft.Extensions.Primitives.StringValues id, CancellationToken cancellationToken)
    {
        if (id.Count != 1 || id[0] is not { Length: <= MaxIdLength } text || CurationItemId.KeyOf(text) is not { } key)
            return BadRequest("'id' is not a curation item id (unanswered/, picks/ or feedback/ and 32 hex digits).");
        return await review.MarkReviewedAsync(key, cancellationToken).ConfigureAwait(false) == CurationReview.Outcome.Marked
            ? null
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no curation item with this id (it may have expired).");
    }

    private static IResult BadRequest(string title) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title);

    private static bool TryDay(Microsoft.Extensions.Primitives.StringValues text, out DateOnly? day)
    {
        day = null;
        if (text.Count == 0 || (text.Count == 1 && string.IsNullOrEmpty(text[0]))) return true;
        if (text.Count == 1 && DateOnly.TryParseExact(text[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) day = parsed;
        return day is not null;
    }

    private static bool TryFlag(Microsoft.Extensions.Primitives.StringValues text, out bool on)
    {
        on = text.Count == 1 && text[0] is "1" or "true" or "on";
        return on || text.Count == 0 || (text.Count == 1 && string.IsNullOrEmpty(text[0]));
    }

    private sealed record ReviewRequest(string? Id);

    private sealed record ReviewResponse(string Id, bool Reviewed);
}
