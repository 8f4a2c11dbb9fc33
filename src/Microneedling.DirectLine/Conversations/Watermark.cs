using System.Globalization;

namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// Watermarks are the sequence number of the last activity a client has seen, sent as a string.
/// Empty, missing or "null" means "from the beginning" (DirectLineJS's first poll sends <c>watermark=</c>, §4.5).
/// </summary>
internal static class Watermark
{
    public static bool TryParse(string? text, out long watermark)
    {
        watermark = 0;
        if (string.IsNullOrEmpty(text) || text == "null") return true;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out watermark);
    }
}
