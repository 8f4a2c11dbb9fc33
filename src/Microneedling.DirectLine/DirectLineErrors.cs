using System.Globalization;
using Microneedling.BotFramework.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microneedling.DirectLine;

/// <summary>
/// Error answers in the Direct Line service's shape, <c>{"error": {"code", "message"}}</c>, with its
/// status codes and codes (protocol detail §4.1): clients act on the status and code, never the message.
/// </summary>
internal static partial class DirectLineErrors
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorBody(new ErrorDetail(code, message)), statusCode: status);

    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);

    public static IResult MissingProperty(string message) => Error(StatusCodes.Status400BadRequest, "MissingProperty", message);

    /// <summary>401: no usable Authorization header at all.</summary>
    public static IResult MissingAuthorization() => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer <token or secret>'.");

    /// <summary>403: a credential that is not (or no longer) valid; the service says "Invalid token or secret".</summary>
    public static IResult InvalidToken() => Error(StatusCodes.Status403Forbidden, "BadArgument", "Invalid token or secret.");

    /// <summary>403 TokenExpired: DirectLineJS reads 403 as expiry and the page fetches a new token (§4.5).</summary>
    public static IResult TokenExpired() => Error(StatusCodes.Status403Forbidden, "TokenExpired", "Token expired.");

    public static IResult WrongConversation() => Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is not valid for this conversation.");

    public static IResult ConversationNotFound() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");

    public static IResult TooLarge(int limit) => Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity is larger than {limit / 1024} KB.");

    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string message)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", message);
    }

    public static IResult BotError(string message) => Error(StatusCodes.Status502BadGateway, "BotError", message);

    public static IResult BotTimeout() => Error(StatusCodes.Status502BadGateway, "BotTimeout", "The bot did not answer in time.");

    /// <summary>
    /// 500 ServiceError when the transcript could not be stored (the client may retry). Logged with the
    /// exception type only: storage messages name the item key, which holds the conversation id.
    /// </summary>
    public static IResult ServiceError(HttpContext http, string operation, Exception exception)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineErrors).FullName!);
        if (RedisConnection.IsOutage(exception))
        {
            LogStoreUnavailable(logger, operation);
            return Unavailable(http);
        }
        LogServiceError(logger, operation, exception.GetType().Name);
        return Error(StatusCodes.Status500InternalServerError, "ServiceError", "The conversation could not be stored or read; retry later.");
    }

    /// <summary>503 with Retry-After while the shared store (Redis) is unreachable: nothing was kept, the client retries.</summary>
    public static IResult Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The conversation store is unreachable; retry later.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line answered 503: the shared store is unreachable (could not {Operation})")]
    private static partial void LogStoreUnavailable(ILogger logger, string operation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line storage failed to {Operation}: {Error}")]
    private static partial void LogServiceError(ILogger logger, string operation, string error);

    internal sealed record ErrorBody(ErrorDetail Error);

    internal sealed record ErrorDetail(string Code, string Message);
}
