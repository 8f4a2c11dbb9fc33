using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microneedling.DirectLine.Tokens;

namespace Microneedling.DirectLine.PageToken;

/// <summary>
/// <c>POST /api/directline/token</c>, where the Web Chat page gets its token. Local mode (default): a
/// token of the built-in Direct Line for a new conversation and a new user. Azure mode (a
/// <c>DirectLine:Secret</c> is configured): a token from the Azure service, plus the domain to use.
/// </summary>
internal static partial class PageTokenEndpoint
{
    public const string Path = "/api/directline/token";

    public static void MapPageTokenEndpoint(this IEndpointRouteBuilder endpoints) => endpoints.MapPost(Path, IssueAsync).RequireCors(DirectLineCors.PolicyName);

    private static async Task<IResult> IssueAsync(
        HttpContext http,
        IOptions<DirectLineOptions> options,
        IDirectLineRateLimiter limiter,
        DirectLineTokenService tokens,
        AzureDirectLineTokenClient azure,
        ILoggerFactory loggers)
    {
        // Anyone can ask, so each client address is rate-limited like a token holder.
        if (await limiter.TryAcquireAsync("page:" + http.Connection.RemoteIpAddress, http.RequestAborted).ConfigureAwait(false) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("Too many token requests; retry later.", statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (options.Value.Secret is { Length: > 0 })
        {
            try
            {
                return Results.Json(await azure.GenerateAsync(http.RequestAborted).ConfigureAwait(false), DirectLineJson.Options);
            }
            catch (HttpRequestException ex)
            {
                LogAzureFailed(loggers.CreateLogger(typeof(PageTokenEndpoint).FullName!), ex.Message);
                return Results.Problem("Could not get a Direct Line token from Azure.", statusCode: StatusCodes.Status502BadGateway);
            }
        }

        var conversationId = DirectLineIds.NewConversationId();
        var token = await tokens.IssueAsync(conversationId, DirectLineIds.NewUserId(), http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new PageTokenResponse(token, conversationId, (int)tokens.Lifetime.TotalSeconds, Domain: null), DirectLineJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure Direct Line token exchange failed: {Reason}")]
    private static partial void LogAzureFailed(ILogger logger, string reason);
}
