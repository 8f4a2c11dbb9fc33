using System.Globalization;
using System.Text.Json.Nodes;
using Microneedling.BotFramework.Storage;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Records questions the bot had no checked answer for, so curators can see which claims to add:
/// the question, why it went unanswered, the near-miss claim ids and the UTC time, under
/// <c>curation/unanswered/…</c>. No user, conversation or channel id is kept with it.
/// </summary>
public sealed class UnansweredQuestionLog(IStorage storage, TimeProvider time)
{
    public const string Prefix = "curation/unanswered/";

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

    /// <summary>Stores one question; returns the key it was written under.</summary>
    public async Task<string> RecordAsync(string question, string reason, IEnumerable<string> candidateIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        var now = time.GetUtcNow();
        var record = new JsonObject
        {
            ["question"] = question,
            ["reason"] = reason,
            ["candidates"] = new JsonArray([.. candidateIds.Select(id => (JsonNode)id)]),
            ["timestampUtc"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        var key = CurationKeys.New("unanswered", now);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(record, null) }, cancellationToken).ConfigureAwait(false);
        return key;
    }
}
