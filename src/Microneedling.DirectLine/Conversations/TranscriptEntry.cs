using System.Text;

namespace Microneedling.DirectLine.Conversations;

/// <summary>One kept activity: its sequence number (watermark) and its JSON as stored and sent.</summary>
internal sealed record TranscriptEntry(long Sequence, string Json, bool IsTyping)
{
    // The {"seq":N,"activity":...} wrapper around the activity in the stored item.
    private const int WrapperBytes = 48;

    /// <summary>What the entry adds to the stored transcript item, which the byte budget is kept on.</summary>
    public int Bytes { get; } = Encoding.UTF8.GetByteCount(Json) + WrapperBytes;
}
