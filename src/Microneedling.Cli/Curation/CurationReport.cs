using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Microneedling.Cli.Curation;

/// <summary>
/// The text report: unanswered questions grouped by the nearest claim (the engine's first near-miss),
/// then those near no claim; did-you-mean picks per claim (each a candidate phrasing); votes per claim
/// with the helpful rate and the comments. Most frequent first throughout.
/// </summary>
internal static class CurationReport
{
    public static void Write(TextWriter output, CuratorRecords records, DateOnly? since)
    {
        output.WriteLine(since is null ? "Curation report (all records kept)" : $"Curation report (records seen since {since.Value:yyyy-MM-dd})");
        output.WriteLine();
        Unanswered(output, records.Unanswered);
        Picks(output, records.Picks);
        Feedback(output, records.Feedback);
    }

    private static void Unanswered(TextWriter output, IReadOnlyList<JObject> records)
    {
        output.WriteLine($"Unanswered questions: {records.Count} distinct, asked {records.Sum(CuratorRecords.Count)} times");
        var groups = records
            .GroupBy(r => CuratorRecords.NearestClaim(r) ?? "")
            .OrderBy(g => g.Key.Length == 0) // questions near no claim last: they may need a new claim
            .ThenByDescending(g => g.Sum(CuratorRecords.Count))
            .ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            output.WriteLine(group.Key.Length == 0
                ? $"  near no claim ({group.Count()} questions, asked {group.Sum(CuratorRecords.Count)} times)"
                : $"  nearest claim {group.Key} ({group.Count()} questions, asked {group.Sum(CuratorRecords.Count)} times)");
            foreach (var record in MostFrequent(group, "question"))
                output.WriteLine($"    {CuratorRecords.Count(record),4}x  {Quoted(record, "question")}  [{CuratorRecords.Text(record, "reason")}; last {CuratorRecords.Text(record, "lastSeenUtc")}]");
        }
        output.WriteLine();
    }

    private static void Picks(TextWriter output, IReadOnlyList<JObject> records)
    {
        output.WriteLine($"Did-you-mean picks: {records.Sum(CuratorRecords.Count)} picks of {records.Count} distinct question-claim pairs");
        foreach (var group in records.GroupBy(r => CuratorRecords.Text(r, "claimId")).OrderByDescending(g => g.Sum(CuratorRecords.Count)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Key}: picked {group.Sum(CuratorRecords.Count)} times (promote a question with `curation promote QUESTION --claim {group.Key}`)");
            foreach (var record in MostFrequent(group, "question"))
                output.WriteLine($"    {CuratorRecords.Count(record),4}x  {Quoted(record, "question")}");
        }
        output.WriteLine();
    }

    private static void Feedback(TextWriter output, IReadOnlyList<JObject> records)
    {
        output.WriteLine($"Feedback: {records.Sum(CuratorRecords.Count)} votes on {records.Select(r => CuratorRecords.Text(r, "claimId")).Distinct().Count()} claims");
        var perClaim = records.GroupBy(r => CuratorRecords.Text(r, "claimId"))
            .Select(g => (Claim: g.Key, Helpful: Votes(g, "helpful"), Total: g.Sum(CuratorRecords.Count), Records: g))
            .OrderBy(c => (double)c.Helpful / c.Total).ThenByDescending(c => c.Total).ThenBy(c => c.Claim, StringComparer.Ordinal);
        foreach (var (claim, helpful, total, group) in perClaim)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {claim}: {helpful} of {total} helpful ({100.0 * helpful / total:0}%)"));
            foreach (var record in MostFrequent(group.Where(r => CuratorRecords.Text(r, "comment").Length > 0), "comment"))
                output.WriteLine($"    {CuratorRecords.Count(record),4}x  {CuratorRecords.Text(record, "vote")}: {Quoted(record, "comment")}  [{CuratorRecords.Text(record, "channel")}]");
        }
    }

    private static long Votes(IEnumerable<JObject> records, string vote) =>
        records.Where(r => CuratorRecords.Text(r, "vote") == vote).Sum(CuratorRecords.Count);

    private static IEnumerable<JObject> MostFrequent(IEnumerable<JObject> records, string textField) =>
        records.OrderByDescending(CuratorRecords.Count).ThenBy(r => CuratorRecords.Text(r, textField), StringComparer.Ordinal);

    // JSON string quoting: a stored question cannot break a line of the report or hide characters.
    private static string Quoted(JObject record, string field) => Newtonsoft.Json.JsonConvert.ToString(CuratorRecords.Text(record, field));
}
