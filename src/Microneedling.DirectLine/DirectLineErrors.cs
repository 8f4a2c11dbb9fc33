using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Microneedling.DirectLine;

/// <summary>
/// Error answers in the Direct Line service's shape, <c>{"error": {"code", "message"}}</c>, with its
/// status codes and codes (protocol detail §4.1): clients act on the status and code, never the message.
/// </summary>
internal static class DirectLineErrors
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

    internal sealed record ErrorBody(ErrorDetail Error);

    internal sealed record ErrorDetail(string Code, string Message);
}
