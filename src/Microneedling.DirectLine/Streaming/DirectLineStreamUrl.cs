using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Microneedling.DirectLine.Streaming;

/// <summary>
/// Builds the streamUrl: absolute, on this host, <c>ws:</c> under <c>http:</c> and <c>wss:</c> under
/// <c>https:</c>, with its own credential in <c>t=</c> because browsers cannot set headers on a
/// WebSocket (protocol detail §4.7 item 2, §6.2 #16).
/// </summary>
internal static class DirectLineStreamUrl
{
    public static string Build(HttpRequest request, string conversationId, string streamToken, long? watermark)
    {
        var scheme = string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws";
        var query = QueryString.Create("t", streamToken);
        if (watermark is { } w) query = QueryString.Create("watermark", w.ToString(CultureInfo.InvariantCulture)).Add(query);
        return $"{scheme}://{request.Host}{request.PathBase}{DirectLineEndpoints.BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }
}
