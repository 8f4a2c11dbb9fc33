using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Microneedling.BotFramework.Http;

/// <summary>
/// Reads the Activity a channel posted into the SDK's <see cref="Activity"/> and checks what a turn
/// needs, answering every client mistake with a 4xx <see cref="EdgeProblem"/> (never a 500): not JSON
/// (415), over the size limit (413, also for a chunked body with no Content-Length), malformed or not
/// an Activity, missing type/conversation/channelId/serviceUrl, ids over the limit or an unknown
/// deliveryMode (400). A member of the wrong shape deep inside (an entity whose type is an array)
/// is dropped rather than failing the message, and null entries of lists are removed, so a
/// handler never dereferences them.
/// </summary>
public static class ActivityReader
{
    private static readonly string[] DeliveryModesKnown =
        [DeliveryModes.Normal, DeliveryModes.Notification, DeliveryModes.ExpectReplies, DeliveryModes.Ephemeral];

    private static readonly JsonSerializer StrictSerializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        MaxDepth = 64,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    });

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        MaxDepth = 64,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        // Errors inside the activity (a member of the wrong type) skip that member; an error at the
        // top (an array, a string) still fails the whole body.
        Error = (_, e) => e.ErrorContext.Handled = e.CurrentObject is not null && e.ErrorContext.Path.Contains('.', StringComparison.Ordinal),
    });

    public static async Task<(Activity? Activity, EdgeProblem? Problem)> ReadAsync(HttpRequest request, MessagesOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var tooLarge = new EdgeProblem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The limit is {limits.MaxBodyBytes / 1024} KB.");
        if (request.ContentLength > limits.MaxBodyBytes) return (null, tooLarge);
        if (request.ContentType is not { } contentType || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, new EdgeProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the Activity as application/json."));

        var body = await ReadCappedAsync(request.Body, limits.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null) return (null, tooLarge);
        Activity? activity;
        try
        {
            activity = Parse(body);
        }
        catch (JsonException ex)
        {
            var where = ex is JsonReaderException { LineNumber: > 0 } r ? $" (line {r.LineNumber})" : "";
            return (null, Invalid("Malformed JSON", $"The body is not a valid Activity{where}."));
        }
        if (activity is null) return (null, Invalid("Malformed JSON", "The body is not an Activity object."));
        return Check(activity, limits) is { } problem ? (null, problem) : (Sanitized(activity), null);
    }

    /// <summary>
    /// The SDK's Activity from JSON bytes (null for a JSON null); a member of the wrong type deep
    /// inside is dropped. Throws <see cref="JsonException"/> when the body is not an Activity object.
    /// </summary>
    public static Activity? Parse(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        // Almost every activity reads straight into the type; only one that does not is read again
        // through a JSON tree, where malformed members can be stepped over.
        try
        {
            using var strict = new JsonTextReader(new StreamReader(new MemoryStream(json, writable: false))) { MaxDepth = 64, DateParseHandling = DateParseHandling.None };
            var activity = StrictSerializer.Deserialize<Activity>(strict);
            if (!strict.Read() || strict.TokenType == JsonToken.Comment) return activity is null ? null : Sanitized(activity);
        }
        catch (JsonException)
        {
            // Read again below, tolerantly; what still fails there is not an Activity.
        }
        return ParseTolerantly(json);
    }

    private static Activity? ParseTolerantly(byte[] json)
    {
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(json, writable: false))) { MaxDepth = 64, DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        // Trailing content after the object ("{...} garbage") is not an Activity either.
        if (reader.Read() && reader.TokenType != JsonToken.Comment) throw new JsonReaderException("Unexpected content after the Activity.");
        if (token.Type == JTokenType.Null) return null;
        if (token is not JObject body) throw new JsonReaderException("The body is not a JSON object.");
        // An entity is whatever a channel makes of it: one whose type is not even a string is dropped
        // here, where the reader could not step over it.
        if (body["entities"] is JArray entities)
        {
            foreach (var entity in entities.Where(e => e is JObject o && o["type"] is { } type && type.Type is not (JTokenType.String or JTokenType.Null)).ToList())
                entity.Remove();
        }
        var activity = body.ToObject<Activity>(Serializer);
        return activity is null ? null : Sanitized(activity);
    }

    /// <summary>What the turn needs of an Activity, whichever transport brought it.</summary>
    public static EdgeProblem? Check(Activity activity, MessagesOptions limits)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(activity.Type)) return Invalid("Invalid Activity", "The activity has no type.");
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return Invalid("Invalid Activity", "The activity has no conversation id.");
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) return Invalid("Invalid Activity", "The activity has no channelId.");
        var max = limits.MaxIdLength;
        if (activity.ChannelId.Length > max) return Invalid("Invalid Activity", $"The channelId is longer than {max} characters.");
        if (activity.Conversation.Id.Length > max) return Invalid("Invalid Activity", $"The conversation id is longer than {max} characters.");
        if (activity.From?.Id is { } from && from.Length > max) return Invalid("Invalid Activity", $"The from.id is longer than {max} characters.");
        if (activity.Id is { } id && id.Length > max) return Invalid("Invalid Activity", $"The activity id is longer than {max} characters.");
        if (activity.DeliveryMode is { } mode && !DeliveryModesKnown.Contains(mode, StringComparer.Ordinal))
            return Invalid("Invalid Activity", $"The deliveryMode must be one of {string.Join(", ", DeliveryModesKnown)}.");
        if (!ExpectsReplies(activity) && activity.Type != ActivityTypes.Invoke && !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _))
            return Invalid("Invalid Activity", "The activity has no valid serviceUrl to reply to.");
        return null;
    }

    public static bool ExpectsReplies(Activity activity) =>
        string.Equals(activity?.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);

    /// <summary>Null entries of the lists handlers walk (<c>"membersAdded": [null]</c>) removed.</summary>
    public static Activity Sanitized(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.MembersAdded = activity.MembersAdded?.Where(m => m is not null).ToList();
        activity.MembersRemoved = activity.MembersRemoved?.Where(m => m is not null).ToList();
        activity.Entities = activity.Entities?.Where(e => e is not null).ToList();
        activity.Attachments = activity.Attachments?.Where(a => a is not null).ToList();
        activity.ReactionsAdded = activity.ReactionsAdded?.Where(r => r is not null).ToList();
        activity.ReactionsRemoved = activity.ReactionsRemoved?.Where(r => r is not null).ToList();
        return activity;
    }

    private static EdgeProblem Invalid(string title, string detail) => new(StatusCodes.Status400BadRequest, title, detail);

    // Read at most the limit plus one byte: a chunked body without Content-Length cannot exceed it either.
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

/// <summary>A 4xx answer of the edge: status, title and detail of the problem details body.</summary>
public sealed record EdgeProblem(int Status, string Title, string Detail);
