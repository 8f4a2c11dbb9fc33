using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microneedling.BotFramework.Storage;
using Microneedling.FactCheck;

namespace Microneedling.Cli.Curation;

/// <summary>
/// <c>curation report|export|promote</c>: the curator's loop over the records the bot keeps (what was
/// not answered, the did-you-mean picks, the votes), read from the bot's own store.
/// </summary>
internal sealed class CurationCommand : Command
{
    public CurationCommand(ContentOption content)
        : base("curation", "Read what people asked that the bot could not answer, their did-you-mean picks and votes; export questions for labelling; promote a question to a claim's phrasings.")
    {
        var store = new Option<FileInfo>("--store")
        {
            Description = "The bot's SQLite state file (state.db; the host's Storage:Path folder, default App_Data/ under its content root).",
            HelpName = "FILE",
            Required = true,
        };
        store.AcceptExistingOnly();
        Subcommands.Add(Report(store));
        Subcommands.Add(Export(store));
        Subcommands.Add(Promote(content));
    }

    private static Command Report(Option<FileInfo> store)
    {
        var since = new Option<DateOnly?>("--since")
        {
            Description = "Only records seen on or after this day (YYYY-MM-DD, UTC).",
            HelpName = "DATE",
            CustomParser = r => DateOnly.TryParseExact(r.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : Fail<DateOnly?>(r, $"'{r.Tokens[0].Value}' is not a date in the form YYYY-MM-DD."),
        };
        var command = new Command("report", "Unanswered questions grouped by the nearest claim, did-you-mean picks per claim, votes per claim with the helpful rate and comments.") { store, since };
        command.SetAction(async (parse, cancel) =>
        {
            var records = await ReadAsync(parse.GetValue(store)!, parse.GetValue(since), cancel).ConfigureAwait(false);
            CurationReport.Write(parse.InvocationConfiguration.Output, records, parse.GetValue(since));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Export(Option<FileInfo> store)
    {
        var format = new Option<string>("--format") { Description = "eval: JSONL in shared/eval's format with empty labels, for labelling into a new evaluation set.", Required = true };
        format.AcceptOnlyFromAmong("eval");
        var command = new Command("export", "Write the unanswered and picked questions, one JSON line each, most asked first.") { store, format };
        command.SetAction(async (parse, cancel) =>
        {
            var records = await ReadAsync(parse.GetValue(store)!, null, cancel).ConfigureAwait(false);
            var questions = records.Unanswered.Concat(records.Picks)
                .GroupBy(r => CuratorRecords.Text(r, "question"), StringComparer.Ordinal)
                .Select(g => (Question: g.Key, Count: g.Sum(CuratorRecords.Count)))
                .Where(q => q.Question.Length > 0)
                .OrderByDescending(q => q.Count).ThenBy(q => q.Question, StringComparer.Ordinal);
            var output = parse.InvocationConfiguration.Output;
            foreach (var (question, _) in questions)
                output.WriteLine(JsonSerializer.Serialize(new EvalRow(question, [], "")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Promote(ContentOption content)
    {
        var question = new Argument<string>("QUESTION") { Description = "The question to add as a phrasing (as asked)." };
        var claim = new Option<string>("--claim") { Description = "The claim id whose phrasings get the question.", HelpName = "ID", Required = true };
        var command = new Command("promote", "Add QUESTION to the claim's phrasings in its YAML file (the file's layout kept), then validate the claim set; a running bot picks it up without a restart.") { question, claim };
        command.SetAction(parse =>
        {
            var claims = ContentPaths.ClaimsDirectory(content.Directory(parse));
            var id = parse.GetValue(claim)!;
            var text = parse.GetValue(question)!;
            if (string.IsNullOrWhiteSpace(text) || !File.Exists(Path.Combine(claims, id + ".yaml")))
            {
                parse.InvocationConfiguration.Error.WriteLine(string.IsNullOrWhiteSpace(text) ? "QUESTION is empty." : $"There is no claim '{id}' in {claims}.");
                return ExitCodes.Usage;
            }
            try
            {
                var outcome = PhrasingPromotion.Promote(claims, id, text);
                parse.InvocationConfiguration.Output.WriteLine(outcome == PhrasingPromotion.Outcome.Added
                    ? $"Added to {id}'s phrasings; the claim set validates."
                    : $"{id} already has that phrasing; nothing changed.");
                return ExitCodes.Ok;
            }
            catch (ContentException ex)
            {
                foreach (var error in ex.Errors) parse.InvocationConfiguration.Error.WriteLine(error);
                parse.InvocationConfiguration.Error.WriteLine("Nothing was changed.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static async Task<CuratorRecords> ReadAsync(FileInfo file, DateOnly? since, CancellationToken cancellationToken)
    {
        using var storage = new SqliteStorage(file.FullName);
        return await CuratorRecords.ReadAsync(storage, since, cancellationToken).ConfigureAwait(false);
    }

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    private sealed record EvalRow(
        [property: System.Text.Json.Serialization.JsonPropertyName("q")] string Q,
        [property: System.Text.Json.Serialization.JsonPropertyName("expect")] IReadOnlyList<string> Expect,
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind);
}
