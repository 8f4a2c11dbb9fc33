using Microneedling.BotFramework.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Microneedling.Bot;

/// <summary>
/// The host-wide answer to a shared-store outage that an endpoint did not handle itself (the page's
/// token endpoint counts its rate limit in Redis, for one): 503 with Retry-After and a problem body,
/// as the Direct Line and /api/messages paths already answer, instead of a bare 500. Logged with the
/// exception type only: Redis messages can name keys, and keys hold conversation ids and addresses.
/// </summary>
internal sealed partial class StoreOutageExceptionHandler(IProblemDetailsService problems, ILogger<StoreOutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!RedisConnection.IsOutage(exception)) return false;
        LogOutage(logger, http.Request.Path, exception.GetType().Name);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = "The shared store is unreachable; retry later." },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 on {Path}: the shared store is unreachable ({ExceptionType})")]
    private static partial void LogOutage(ILogger logger, PathString path, string exceptionType);
}
