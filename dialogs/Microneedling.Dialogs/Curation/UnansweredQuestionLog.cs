using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Flows;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Records questions the bot had no checked answer for, so curators can see which claims to add:
/// one record per distinct question (compared normalised, see <see cref="CurationKeys.Normalize"/>)
/// under <c>curation/unanswered/&lt;hash&gt;</c>, with the question (cleaned, at most
/// <see cref="MaxQuestionLength"/> characters), how often it was asked, the latest reason and
/// near-miss claim ids, a count per reason, and the UTC days it was first and last asked. Asking
/// the same question again updates its record instead of adding one. No user, conversation or
/// channel id is kept with it, and no time finer than the day.
/// </summary>
public sealed class UnansweredQuestionLog(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/unanswered/";

    /// <summary>Questions longer than this are stored cut: enough for a curator to see what was asked.</summary>
    public const int MaxQuestionLength = 500;

    /// <summary>Why a question went unanswered.</summary>
    public static class Reasons
    {
        /// <summary>No claim fitted.</summary>
        public const string NoMatch = "no-match";

        /// <summary>The person said none of the did-you-mean candidates was meant.</summary>
        public const string NoneOfThese = "none-of-these";

        /// <summary>The did-you-mean prompt was given up after repeated answers it could not use.</summary>
        public const string GaveUp = "gave-up";
    }

    /// <summary>The key of <paramref name="question"/>'s record (the same for every form that normalises alike).</summary>
    public static string KeyFor(string question) =>
        CurationKeys.For("unanswered", CurationKeys.Truncate(CurationKeys.Normalize(question), MaxQuestionLength));

    /// <summary>Counts one asking of <paramref name="question"/>; returns the key of its record.</summary>
    public async Task<string> RecordAsync(string question, string reason, IEnumerable<string> candidateIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        var text = CurationKeys.Truncate(TurnInputReader.Clean(question), MaxQuestionLength);
        var candidates = candidateIds.ToList();
        var key = KeyFor(question);
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () => new JsonObject
            {
                ["question"] = text,
                ["reason"] = reason,
                ["reasons"] = new JsonObject { [reason] = 1 },
                ["candidates"] = Candidates(candidates),
            },
            record =>
            {
                record["reason"] = reason;
                if (record["reasons"] is not JsonObject reasons)
                {
                    reasons = [];
                    record["reasons"] = reasons;
                }
                reasons[reason] = (reasons[reason] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0) + 1;
                record["candidates"] = Candidates(candidates);
            },
            cancellationToken).ConfigureAwait(false);
        return key;
    }

    private static JsonArray Candidates(List<string> ids) => new([.. ids.Select(id => (JsonNode)id)]);
}
