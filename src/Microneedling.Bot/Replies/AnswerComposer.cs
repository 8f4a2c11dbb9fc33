using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Schema;
using Microneedling.FactCheck;

namespace Microneedling.Bot.Replies;

/// <summary>
/// Turns a fact-check result into reply activities: a red-flag message first and alone when triage
/// fired, then one answer per matched claim (verdict, what the number means, corrected answer,
/// sources, referral) carrying a schema.org ClaimReview entity, or a plain "no checked answer".
/// </summary>
internal static class AnswerComposer
{
    public static List<Activity> Compose(Activity incoming, FactCheckResult result, ClaimSet claims)
    {
        var replies = new List<Activity>();
        if (result.Triage.IsRedFlag)
            replies.Add(incoming.CreateReply(RedFlagText(result.Triage)));

        if (result.Abstained)
        {
            replies.Add(incoming.CreateReply(NotFoundText(claims)));
            return replies;
        }
        foreach (var match in result.Matches)
        {
            var reply = incoming.CreateReply(AnswerText(match));
            reply.TextFormat = "markdown";
            reply.Entities = [ClaimReview(match.Claim)];
            replies.Add(reply);
        }
        return replies;
    }

    public static string WelcomeText(ClaimSet claims)
    {
        var text = new StringBuilder();
        text.AppendLine("Hi! I check common claims about microneedling (derma rollers, skin needling, collagen induction therapy) against published evidence.");
        text.AppendLine("I'm not a doctor and this is not medical advice. For your own skin, talk to a board-certified dermatologist.");
        text.AppendLine();
        text.AppendLine("Try asking:");
        foreach (var claim in Suggested(claims)) text.Append("- ").AppendLine(claim.Phrasings[0]);
        return text.ToString().TrimEnd();
    }

    public const string TooLongText = "That message is very long. Please ask one short question at a time (a sentence or two), and I'll check it.";

    private static readonly string[] SuggestedIds = ["home-frequency", "home-needle-length", "isotretinoin", "depth-only-top-layer"];

    internal static IEnumerable<Claim> Suggested(ClaimSet claims) =>
        SuggestedIds
            .Select(id => claims.All.FirstOrDefault(c => c.Id == id))
            .OfType<Claim>();

    private static string RedFlagText(TriageResult triage)
    {
        var text = new StringBuilder();
        text.Append(triage.Level == ReferralLevel.Emergency ? "**This may be an emergency.** " : "**Please get medical care today.** ");
        text.Append("What you describe (").Append(string.Join(", ", triage.Signs)).Append(") needs a doctor. ");
        text.Append(triage.Advice);
        return text.ToString();
    }

    private static string AnswerText(ClaimMatch match)
    {
        var claim = match.Claim;
        var text = new StringBuilder();
        text.Append("**").Append(claim.Verdict.ToLabel()).Append(":** ").AppendLine(claim.Statement);
        text.AppendLine();
        foreach (var note in match.QuantityNotes) text.AppendLine(note.Text).AppendLine();
        text.AppendLine(claim.Answer.Trim());
        text.AppendLine();
        text.AppendLine("Sources:");
        foreach (var source in claim.Sources)
            text.Append(CultureInfo.InvariantCulture, $"- [{source.Title}]({source.Url}), {source.Publisher}, {source.Year}").AppendLine();
        text.AppendLine();
        text.AppendLine(claim.Referral.Wording.Trim());
        text.Append(CultureInfo.InvariantCulture, $"_Last reviewed {claim.LastReviewed:yyyy-MM-dd}._");
        return text.ToString();
    }

    private static string NotFoundText(ClaimSet claims) =>
        "I don't have a checked answer for that, and I'd rather not guess about your health. " +
        "I cover claims about microneedling such as needle length, how often to roll, aftercare, pain, scars, and who should not have it. " +
        "For anything else, please ask a board-certified dermatologist. You could try: \"" +
        string.Join("\", \"", Suggested(claims).Take(2).Select(c => c.Phrasings[0])) + "\".";

    /// <summary>The machine-readable verdict (schema.org ClaimReview) attached to every answer.</summary>
    internal static JsonObject ClaimReview(Claim claim) => new()
    {
        ["type"] = "https://schema.org/ClaimReview",
        ["@context"] = "https://schema.org",
        ["@type"] = "ClaimReview",
        ["identifier"] = claim.Id,
        ["claimReviewed"] = claim.Statement,
        ["reviewRating"] = new JsonObject { ["@type"] = "Rating", ["alternateName"] = claim.Verdict.ToName() },
        ["url"] = claim.Sources[0].Url.ToString(),
        ["dateModified"] = claim.LastReviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
