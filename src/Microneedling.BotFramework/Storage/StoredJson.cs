using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Microneedling.BotFramework.Storage;

/// <summary>
/// How our stores turn the SDK's <see cref="IStorage"/> values into stored JSON and back, and the
/// ETag rules they share. A value's ETag is its <see cref="IStoreItem.ETag"/>, or the <c>eTag</c>
/// entry of a dictionary or JSON object (how <see cref="BotState"/>'s state travels: the store puts
/// the ETag it read into the state, so the SDK's save carries it back):
/// <list type="bullet">
/// <item><c>"*"</c> writes unconditionally;</item>
/// <item>none (null or empty) creates the item and fails if the key exists — a writer that never
/// read the item must not overwrite someone else's (the SDK's own MemoryStorage would);</item>
/// <item>any other value must equal the stored ETag.</item>
/// </list>
/// </summary>
public static class StoredJson
{
    /// <summary>The JSON name of the ETag inside a stored value (the SDK's <c>IStoreItem</c> name).</summary>
    public const string ETagProperty = "eTag";

    /// <summary>The ETag that writes unconditionally.</summary>
    public const string AnyETag = "*";

    // Stored keys longer than this keep a readable head and end in a hash of the whole key: channels
    // may send ids up to the adapter's limit, and two of them make a key of over 1,000 characters.
    private const int MaxPlainKeyLength = 255;
    private const int KeptHeadLength = 190;

    /// <summary>Camel case as written by the SDK types' attributes; nulls left out; nesting bounded.</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = 64,
    });

    /// <summary>
    /// The key as stored: unchanged up to 255 characters, otherwise its first 190 characters, a
    /// <c>~</c> and the SHA-256 of the whole key (so any id length fits and distinct keys stay distinct).
    /// </summary>
    public static string StoredKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length <= MaxPlainKeyLength) return key;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var head = key.AsSpan(0, char.IsHighSurrogate(key[KeptHeadLength - 1]) ? KeptHeadLength - 1 : KeptHeadLength);
        return string.Concat(head, "~", hash);
    }

    /// <summary>The value as a JSON object without its ETag, and the ETag it is written against.</summary>
    public static (JObject Json, string? ExpectedETag) ToStored(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var json = value as JObject ?? JObject.FromObject(value, Serializer);
        if (ReferenceEquals(json, value)) json = (JObject)json.DeepClone();
        var etag = value is IStoreItem item ? item.ETag : json[ETagProperty]?.Type == JTokenType.String ? (string?)json[ETagProperty] : null;
        json.Remove(ETagProperty);
        json.Remove("ETag");
        return (json, string.IsNullOrEmpty(etag) ? null : etag);
    }

    /// <summary>
    /// A change as the stores write it: its JSON text without the ETag, and the ETag it is written
    /// against; a value over <paramref name="maxBytes"/> of JSON is refused before anything is written.
    /// </summary>
    public static (string Json, string? ExpectedETag) ToStoredText(object value, int maxBytes, string paramName)
    {
        var (stored, expected) = ToStored(value);
        var json = stored.ToString(Formatting.None);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > maxBytes)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A value is {bytes} bytes of JSON; the limit is {maxBytes} bytes ({maxBytes / (1024 * 1024)} MB)."),
                paramName);
        }
        return (json, expected);
    }

    /// <summary>A stored JSON object as handed out by ReadAsync: the stored object with its current ETag.</summary>
    public static JObject FromStored(string json, string etag)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
        var value = JObject.Load(reader);
        value[ETagProperty] = etag;
        return value;
    }

    /// <summary>Gives the written value its new ETag, so a second save in the same turn is not a conflict.</summary>
    public static void SetETag(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> state:
                state[ETagProperty] = etag;
                break;
            case JObject json:
                json[ETagProperty] = etag;
                break;
        }
    }

    /// <summary>Whether a write expecting <paramref name="expected"/> may replace an item whose ETag is <paramref name="current"/> (null: none stored).</summary>
    public static bool Permits(string? expected, string? current) => expected switch
    {
        AnyETag => true,
        null => current is null,
        _ => string.Equals(current, expected, StringComparison.Ordinal),
    };

    /// <summary>A typed copy of a stored value (a JSON object from ReadAsync, or the object itself).</summary>
    public static T? As<T>(object? value)
        where T : class => value switch
        {
            null => null,
            T typed => typed,
            JObject json => json.ToObject<T>(Serializer),
            _ => JObject.FromObject(value, Serializer).ToObject<T>(Serializer),
        };
}
