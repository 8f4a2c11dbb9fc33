namespace Microneedling.DirectLine.Conversations;

/// <summary>
/// How much of a transcript is kept: at most <paramref name="MaxCount"/> activities and
/// <paramref name="MaxBytes"/> bytes, oldest dropped first (the newest is always kept).
/// </summary>
internal readonly record struct TranscriptLimits(int MaxCount, long MaxBytes)
{
    public static TranscriptLimits From(DirectLineOptions options) => new(options.MaxActivitiesPerConversation, options.MaxTranscriptBytes);

    /// <summary>How many of the oldest entries to drop so the rest fits.</summary>
    public int Overflow(IReadOnlyList<TranscriptEntry> entries, long bytes)
    {
        var drop = 0;
        while (entries.Count - drop > 1 && (entries.Count - drop > MaxCount || bytes > MaxBytes))
        {
            bytes -= entries[drop].Bytes;
            drop++;
        }
        return drop;
    }
}
