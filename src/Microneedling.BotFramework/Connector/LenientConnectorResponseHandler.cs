using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Microneedling.BotFramework.Connector;

/// <summary>
/// Lets a Connector's success answer through even when its body is empty or not JSON: the spec's
/// <c>{"id": ...}</c> is optional for the bot, and peers such as offline-directline answer 200 with
/// an empty body, on which the SDK's generated client would throw and the reply count as failed.
/// Such a body becomes <c>{}</c>; an error status is left as it is.
/// </summary>
public sealed class LenientConnectorResponseHandler : DelegatingHandler
{
    // A ResourceResponse is a few dozen bytes; anything larger than this is not worth checking.
    private const int MaxCheckedBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) return response;
        var bytes = await ReadAtMostAsync(response.Content, MaxCheckedBytes + 1, cancellationToken).ConfigureAwait(false);
        if (bytes.Length > 0 && bytes.Length <= MaxCheckedBytes && IsJsonObject(bytes))
        {
            response.Content = WithHeaders(new ByteArrayContent(bytes), response.Content);
            return response;
        }
        response.Content = new StringContent("{}", Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return response;
    }

    // A success body larger than any ResourceResponse is not read to its end (nor kept).
    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[max];
            var total = 0;
            int read;
            while (total < max && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0) total += read;
            return buffer.AsSpan(0, total).ToArray();
        }
    }

    private static bool IsJsonObject(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ByteArrayContent WithHeaders(ByteArrayContent content, HttpContent original)
    {
        content.Headers.ContentType = original.Headers.ContentType ?? new MediaTypeHeaderValue("application/json");
        return content;
    }
}
