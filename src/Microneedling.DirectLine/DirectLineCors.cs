using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>
/// CORS for Web Chat pages on another origin (§4.7 item 1, §6.2 #20): every call carries
/// <c>Authorization</c> and <c>x-ms-bot-agent</c>, so browsers preflight each one. Only origins in
/// <see cref="DirectLineOptions.AllowedOrigins"/> get the headers; no cookies are used, so no credentials.
/// </summary>
internal static class DirectLineCors
{
    private const string AllowedHeaders = "Authorization, Content-Type, Accept, x-ms-bot-agent";

    /// <summary>Marks the answers of these endpoints for allowed origins (errors included, so the page can read them).</summary>
    public static TBuilder WithDirectLineCors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            AddHeaders(context.HttpContext);
            return await next(context).ConfigureAwait(false);
        });

    /// <summary>Answers the browser's OPTIONS preflight for <paramref name="pattern"/>: 204 for an allowed origin, else 403.</summary>
    public static void MapPreflight(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapMethods(pattern, [HttpMethods.Options], (HttpContext http) =>
        {
            if (!AddHeaders(http)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            http.Response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            http.Response.Headers.AccessControlMaxAge = "600";
            return Results.NoContent();
        });

    private static bool AddHeaders(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        var allowed = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.AllowedOrigins;
        if (!allowed.Contains("*") && !allowed.Contains(origin, StringComparer.OrdinalIgnoreCase)) return false;
        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.Vary = "Origin";
        http.Response.Headers.AccessControlExposeHeaders = "Retry-After";
        return true;
    }
}
