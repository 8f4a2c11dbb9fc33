using System.Text.Json;
using Microneedling.BotFramework.Http;
using Microsoft.Bot.Schema;
using Microsoft.AspNetCore.Http;

namespace Microneedling.DirectLine;

/// <summary>Reads a JSON request body with a size cap: too large -> 413, not JSON or malformed -> 400.</summary>
internal static class DirectLineRequestBody
{
    /// <summary>The body as <typeparamref name="T"/>; <paramref name="optional"/> bodies may be empty (then default).</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, bool optional)
        where T : class
    {
        if (request.ContentLength > maxBytes) return (null, DirectLineErrors.TooLarge(maxBytes));
        var bytes = await ReadCappedAsync(request.Body, maxBytes, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (bytes is null) return (null, DirectLineErrors.TooLarge(maxBytes));
        if (bytes.Length == 0)
            return optional ? (null, null) : (null, DirectLineErrors.MissingProperty("The request has no body."));
        if (request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, DirectLineErrors.BadArgument("Send the body as application/json."));
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, DirectLineJson.Options) is { } value
                ? (value, null)
                : (null, DirectLineErrors.BadArgument("The body is not a JSON object."));
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.BadArgument("The body is not valid JSON."));
        }
    }

    /// <summary>A posted activity as the SDK's <see cref="Activity"/>, with the same limits and answers.</summary>
    public static async Task<(Activity? Value, IResult? Error)> ReadActivityAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) return (null, DirectLineErrors.TooLarge(maxBytes));
        var bytes = await ReadCappedAsync(request.Body, maxBytes, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (bytes is null) return (null, DirectLineErrors.TooLarge(maxBytes));
        if (bytes.Length == 0) return (null, DirectLineErrors.MissingProperty("The request has no body."));
        if (request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, DirectLineErrors.BadArgument("Send the body as application/json."));
        try
        {
            return ActivityReader.Parse(bytes) is { } activity
                ? (activity, null)
                : (null, DirectLineErrors.BadArgument("The body is not a JSON object."));
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return (null, DirectLineErrors.BadArgument("The body is not a valid activity."));
        }
    }

    // A chunked body has no Content-Length: stop reading one byte past the cap instead of trusting it.
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return null;
        }
        return buffer.ToArray();
    }
}
