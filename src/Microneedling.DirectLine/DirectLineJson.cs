using System.Text.Json;
using System.Text.Json.Serialization;
using Newtonsoft.Json;

namespace Microneedling.DirectLine;

/// <summary>
/// The wire formats: the service's own bodies (tokens, conversations, errors) with System.Text.Json,
/// camelCase and nulls left out; activities as the SDK writes them (Newtonsoft, nulls left out), so a
/// transcript holds exactly what the bot sent.
/// </summary>
internal static class DirectLineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
    };

    public static JsonSerializerSettings ActivitySettings { get; } = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = 64,
    };
}
