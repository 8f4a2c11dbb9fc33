using Microneedling.Dialogs.Flows;
using Microsoft.Bot.Builder;

namespace Microneedling.Dialogs.Curation;

/// <summary>
/// Records questions the bot had no checked answer for, so curators can see which claims to add:
/// one <see cref="UnansweredRecord"/> per distinct question (compared normalised, see
/// <see cref="UserText.Comparable"/>) under <c>curation/unanswered/&lt;hash&gt;</c>, with the question
/// (cleaned, at most <see cref="MaxQuestionLength"/> characters), how often it was asked, the latest
/// reason and near-miss claim ids, and a count per reason. No user, conversation or channel id is
/// kept with it, and no time finer than the day.
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
        CurationKeys.For("unanswered", UserText.Head(UserText.Comparable(question), MaxQuestionLength));

    /// <summary>Counts one asking of <paramref name="question"/>; returns the key of its record.</summary>
    public async Task<string> RecordAsync(string question, string reason, IEnumerable<string> candidateIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        var text = UserText.Head(UserText.Clean(question), MaxQuestionLength);
        var candidates = candidateIds.ToList();
        var key = KeyFor(question);
        await CurationKeys.CountAsync(
            storage,
            key,
            CurationKeys.Day(time.GetUtcNow()),
            () => new UnansweredRecord { Question = text, Reason = reason, Reasons = new() { [reason] = 1 }, Candidates = candidates },
            record =>
            {
                record.Reason = reason;
                record.Reasons[reason] = record.Reasons.GetValueOrDefault(reason) + 1;
                record.Candidates = candidates;
            },
            cancellationToken).ConfigureAwait(false);
        return key;
    }
}
