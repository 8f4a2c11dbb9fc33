using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.Curation;

/// <summary>
/// Who may read the curators' page: ASP.NET Core authentication with two schemes behind one policy
/// scheme — the key in a header (<see cref="CuratorKeyAuthenticationHandler"/>) or, for a browser, the
/// sign-in cookie (cookie authentication: data-protected, HttpOnly, SameSite=Strict, Secure on https,
/// path /curation, bound to the key so changing the key signs every browser out). No default scheme
/// is set: no other endpoint of the host authenticates through these.
/// </summary>
internal static class CuratorAuthentication
{
    /// <summary>The policy scheme: a header key if the request has one, otherwise the cookie.</summary>
    public const string Scheme = "Curator";

    public const string KeyScheme = "CuratorKey";

    public const string CookieScheme = "CuratorCookie";

    /// <summary>The page and its forms: key or cookie.</summary>
    public const string Policy = "Curator";

    /// <summary>The JSON endpoint: the key in a header only (a cookie could be sent by a page of another site).</summary>
    public const string KeyPolicy = "CuratorKey";

    public const string CookieName = "mn-curator";

    private const string KeyClaim = "mn:curator-key";

    public static void AddCuratorAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = http => CuratorKeyAuthenticationHandler.PresentsKey(http.Request) ? KeyScheme : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, CuratorKeyAuthenticationHandler>(KeyScheme, null)
            .AddCookie(CookieScheme);
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<CuratorPageOptions>, CuratorKey, IProblemDetailsService>((o, page, key, problems) =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = CuratorPageEndpoints.Path;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = page.Value.SignInLifetime;
            o.SlidingExpiration = false;
            o.LoginPath = CuratorPageEndpoints.SignInPath;
            o.Events.OnValidatePrincipal = context =>
            {
                if (context.Principal?.FindFirstValue(KeyClaim) != key.Fingerprint) context.RejectPrincipal();
                return Task.CompletedTask;
            };
            // A browser opening the page is sent to the sign-in form; anything else is told how to authenticate.
            o.Events.OnRedirectToLogin = context =>
            {
                if (IsPageRequest(context.Request))
                {
                    context.Response.Redirect(context.Request.PathBase + CuratorPageEndpoints.SignInPath);
                    return Task.CompletedTask;
                }
                return WriteUnauthorizedAsync(problems, context.HttpContext, null);
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(KeyPolicy, p => p.AddAuthenticationSchemes(KeyScheme).RequireAuthenticatedUser());
    }

    /// <summary>The principal a browser signs in as: no name of a person, only that it holds the current key.</summary>
    public static ClaimsPrincipal SignedIn(CuratorKey key) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "curator"), new Claim(KeyClaim, key.Fingerprint)], CookieScheme));

    /// <summary>401 with problem details (plain text when the client accepts no JSON) saying how to authenticate.</summary>
    public static async Task WriteUnauthorizedAsync(IProblemDetailsService problems, HttpContext http, string? failure)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var title = failure ?? "The curator key is needed.";
        const string detail = "Send it as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY', or sign in at /curation/sign-in.";
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = title, Detail = detail },
        }).ConfigureAwait(false);
        if (!written)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(title + " " + detail + "\n", http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
