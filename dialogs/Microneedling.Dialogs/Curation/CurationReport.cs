namespace Microneedling.Dialogs.Curation;

/// <summary>
/// What curators read, built from the <see cref="CuratorRecords"/>: unanswered questions grouped by the
/// nearest claim (the engine's first near-miss), those near no claim last (they may need a new claim);
/// did-you-mean picks per claim (each a candidate phrasing); votes per claim with the helpful rate and
/// the comments. Most frequent first throughout. Items marked reviewed (<see cref="CurationRecord.IsReviewed"/>)
/// are left out unless asked for; the helpful rates always count every vote. The CLI prints it, the
/// host's <c>/curation</c> page renders it.
/// </summary>
public sealed class CurationReport
{
    private CurationReport(DateOnly? since, bool includesReviewed)
    {
        Since = since;
        IncludesReviewed = includesReviewed;
    }

    /// <summary>The first UTC day records were last seen on, or null for every record kept.</summary>
    public DateOnly? Since { get; }

    /// <summary>Whether reviewed items are listed.</summary>
    public bool IncludesReviewed { get; }

    /// <summary>How many reviewed items were left out (0 when <see cref="IncludesReviewed"/>).</summary>
    public int HiddenReviewed { get; private set; }

    public IReadOnlyList<QuestionGroup> Unanswered { get; private set; } = [];

    public IReadOnlyList<PickGroup> Picks { get; private set; } = [];

    public IReadOnlyList<ClaimFeedback> Feedback { get; private set; } = [];

    /// <summary>Reads the records last seen on or after <paramref name="since"/> from <paramref name="store"/> and builds the report.</summary>
    public static async Task<CurationReport> ReadAsync(BotFramework.Storage.IStorageScan store, DateOnly? since, bool includeReviewed, CancellationToken cancellationToken) =>
        Build(await CuratorRecords.ReadAsync(store, since, cancellationToken).ConfigureAwait(false), since, includeReviewed);

    public static CurationReport Build(CuratorRecords records, DateOnly? since, bool includeReviewed)
    {
        ArgumentNullException.ThrowIfNull(records);
        var report = new CurationReport(since, includeReviewed);
        bool Shown(CurationRecord record) => includeReviewed || !record.IsReviewed;
        var listable = records.Unanswered.Select(r => (CurationRecord)r.Value)
            .Concat(records.Picks.Select(r => r.Value))
            .Concat(records.Feedback.Where(r => !string.IsNullOrEmpty(r.Value.Comment)).Select(r => r.Value));
        report.HiddenReviewed = listable.Count(r => !Shown(r));

        report.Unanswered = [.. records.Unanswered
            .Where(r => Shown(r.Value))
            .Select(r => (Nearest: r.Value.Candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c)), Item: Item(r.Key, r.Value, r.Value.Question, reason: r.Value.Reason)))
            .GroupBy(r => r.Nearest ?? "", StringComparer.Ordinal)
            .Select(g => new QuestionGroup(g.Key.Length == 0 ? null : g.Key, MostFrequent(g.Select(r => r.Item))))
            .OrderBy(g => g.NearestClaim is null)
            .ThenByDescending(g => g.Asked)
            .ThenBy(g => g.NearestClaim, StringComparer.Ordinal)];

        report.Picks = [.. records.Picks
            .Where(r => Shown(r.Value))
            .GroupBy(r => r.Value.ClaimId, StringComparer.Ordinal)
            .Select(g => new PickGroup(g.Key, MostFrequent(g.Select(r => Item(r.Key, r.Value, r.Value.Question)))))
            .OrderByDescending(g => g.Picked)
            .ThenBy(g => g.ClaimId, StringComparer.Ordinal)];

        report.Feedback = [.. records.Feedback
            .GroupBy(r => r.Value.ClaimId, StringComparer.Ordinal)
            .Select(g => new ClaimFeedback(
                g.Key,
                Helpful: g.Where(r => r.Value.Vote == "helpful").Sum(r => Count(r.Value)),
                Votes: g.Sum(r => Count(r.Value)),
                Comments: MostFrequent(g
                    .Where(r => !string.IsNullOrEmpty(r.Value.Comment) && Shown(r.Value))
                    .Select(r => Item(r.Key, r.Value, r.Value.Comment!, vote: r.Value.Vote, channel: r.Value.Channel ?? ChannelKinds.Other)))))
            .OrderBy(c => (double)c.Helpful / c.Votes)
            .ThenByDescending(c => c.Votes)
            .ThenBy(c => c.ClaimId, StringComparer.Ordinal)];
        return report;
    }

    /// <summary>Distinct unanswered questions listed.</summary>
    public int UnansweredQuestions => Unanswered.Sum(g => g.Items.Count);

    /// <summary>How often the listed unanswered questions were asked.</summary>
    public long UnansweredAsked => Unanswered.Sum(g => g.Asked);

    private static long Count(CurationRecord record) => Math.Max(1, record.Count);

    private static CurationItem Item(string id, CurationRecord record, string text, string? reason = null, string? vote = null, string? channel = null) =>
        new(id, text, Count(record), record.LastSeenUtc ?? "", record.IsReviewed, reason, vote, channel);

    private static IReadOnlyList<CurationItem> MostFrequent(IEnumerable<CurationItem> items) =>
        [.. items.OrderByDescending(i => i.Count).ThenBy(i => i.Text, StringComparer.Ordinal)];
}

/// <summary>
/// One line of the report: a distinct question or comment, how often it came in, the UTC day it was last
/// seen and whether a curator marked it reviewed; the reason (unanswered), the vote and kind of channel (feedback).
/// </summary>
/// <param name="Id">The item id (<see cref="CurationItemId"/>), to mark it reviewed.</param>
/// <param name="Text">The question, or the comment.</param>
/// <param name="Count">How often it came in.</param>
/// <param name="LastSeenUtc">The UTC day it was last seen (yyyy-MM-dd).</param>
/// <param name="Reviewed">Marked reviewed and not seen again since.</param>
/// <param name="Reason">Why the question went unanswered (the latest reason).</param>
/// <param name="Vote">The vote a comment came with.</param>
/// <param name="Channel">The kind of channel a vote came from.</param>
public sealed record CurationItem(string Id, string Text, long Count, string LastSeenUtc, bool Reviewed, string? Reason = null, string? Vote = null, string? Channel = null);

/// <summary>Unanswered questions whose nearest claim is <see cref="NearestClaim"/> (null: near no claim).</summary>
public sealed record QuestionGroup(string? NearestClaim, IReadOnlyList<CurationItem> Items)
{
    public long Asked => Items.Sum(i => i.Count);
}

/// <summary>The questions people resolved to <see cref="ClaimId"/> in a did-you-mean: phrasings it may be missing.</summary>
public sealed record PickGroup(string ClaimId, IReadOnlyList<CurationItem> Items)
{
    public long Picked => Items.Sum(i => i.Count);
}

/// <summary>The votes on one claim's answers (every vote in the period, reviewed or not) and the comments listed.</summary>
public sealed record ClaimFeedback(string ClaimId, long Helpful, long Votes, IReadOnlyList<CurationItem> Comments)
{
    public double HelpfulRate => Votes == 0 ? 0 : (double)Helpful / Votes;
}
