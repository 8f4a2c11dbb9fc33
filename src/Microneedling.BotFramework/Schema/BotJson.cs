using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microneedling.BotFramework.Schema;

/// <summary>The wire format: camelCase, absent fields omitted rather than sent as null.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 64,
    };
}

/// <summary>What a channel gets back for an invoke activity: the HTTP status and body.</summary>
public sealed record InvokeResponse(int Status, object? Body);

/// <summary>The Connector's answer to a send: the id the channel gave the activity.</summary>
public sealed record ResourceResponse(string? Id);
