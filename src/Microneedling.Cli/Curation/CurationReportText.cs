using System.Globalization;
using Microneedling.Dialogs.Curation;

namespace Microneedling.Cli.Curation;

/// <summary>
/// The <see cref="CurationReport"/> as text (the host's <c>/curation</c> page shows the same report):
/// each group's heading, then one line per question or comment, most frequent first.
/// </summary>
internal static class CurationReportText
{
    public static void Write(TextWriter output, CurationReport report)
    {
        output.WriteLine(report.Since is { } since ? $"Curation report (records seen since {since:yyyy-MM-dd})" : "Curation report (all records kept)");
        if (report.HiddenReviewed > 0) output.WriteLine($"{report.HiddenReviewed} items marked reviewed are not listed (--include-reviewed lists them).");
        output.WriteLine();
        Unanswered(output, report);
        Picks(output, report.Picks);
        Feedback(output, report.Feedback);
    }

    private static void Unanswered(TextWriter output, CurationReport report)
    {
        output.WriteLine($"Unanswered questions: {report.UnansweredQuestions} distinct, asked {report.UnansweredAsked} times");
        foreach (var group in report.Unanswered)
        {
            output.WriteLine(group.NearestClaim is null
                ? $"  near no claim ({group.Items.Count} questions, asked {group.Asked} times)"
                : $"  nearest claim {group.NearestClaim} ({group.Items.Count} questions, asked {group.Asked} times)");
            foreach (var item in group.Items)
                output.WriteLine($"    {item.Count,4}x  {Quoted(item.Text)}  [{item.Reason}; last {item.LastSeenUtc}{Reviewed(item)}]");
        }
        output.WriteLine();
    }

    private static void Picks(TextWriter output, IReadOnlyList<PickGroup> picks)
    {
        output.WriteLine($"Did-you-mean picks: {picks.Sum(g => g.Picked)} picks of {picks.Sum(g => g.Items.Count)} distinct question-claim pairs");
        foreach (var group in picks)
        {
            output.WriteLine($"  {group.ClaimId}: picked {group.Picked} times (promote a question with `curation promote QUESTION --claim {group.ClaimId}`)");
            foreach (var item in group.Items)
                output.WriteLine($"    {item.Count,4}x  {Quoted(item.Text)}{(item.Reviewed ? "  [reviewed]" : "")}");
        }
        output.WriteLine();
    }

    private static void Feedback(TextWriter output, IReadOnlyList<ClaimFeedback> feedback)
    {
        output.WriteLine($"Feedback: {feedback.Sum(c => c.Votes)} votes on {feedback.Count} claims");
        foreach (var claim in feedback)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {claim.ClaimId}: {claim.Helpful} of {claim.Votes} helpful ({100.0 * claim.HelpfulRate:0}%)"));
            foreach (var item in claim.Comments)
                output.WriteLine($"    {item.Count,4}x  {item.Vote}: {Quoted(item.Text)}  [{item.Channel}{Reviewed(item)}]");
        }
    }

    private static string Reviewed(CurationItem item) => item.Reviewed ? "; reviewed" : "";

    // JSON string quoting: a stored question cannot break a line of the report or hide characters.
    private static string Quoted(string text) => Newtonsoft.Json.JsonConvert.ToString(text);
}
