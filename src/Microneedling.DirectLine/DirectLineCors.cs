using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>
/// ASP.NET Core CORS for Web Chat pages on another origin (§4.7 item 1, §6.2 #20): every call carries
/// <c>Authorization</c> and <c>x-ms-bot-agent</c>, so browsers preflight each one. Only origins in
/// <see cref="DirectLineOptions.AllowedOrigins"/> ("*" for any) are allowed; no cookies are used, so no
/// credentials. The CORS middleware answers preflights and adds the headers to every answer of the
/// endpoints marked with <see cref="PolicyName"/>, errors included, so the page can read them.
/// </summary>
internal static class DirectLineCors
{
    public const string PolicyName = "DirectLine";

    public static IServiceCollection AddDirectLineCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(PolicyName, policy => policy
                .SetIsOriginAllowed(origin => IsAllowed(directLine.Value, origin))
                .WithMethods("GET", "POST", "OPTIONS")
                .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    private static bool IsAllowed(DirectLineOptions options, string origin) =>
        options.AllowedOrigins.Contains("*") || options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
}
