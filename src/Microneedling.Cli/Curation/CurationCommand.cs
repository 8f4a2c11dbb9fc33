using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microneedling.BotFramework.Storage;
using Microneedling.Dialogs.Curation;
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
        var store = new Option<string>("--store")
        {
            Description = "The bot's store: its SQLite state file (state.db; the host's Storage:Path folder, default App_Data/ under its content root), or the Redis it shares (redis://[[user]:password@]host[:port][/database], rediss:// for TLS).",
            HelpName = "FILE|URL",
            Required = true,
        };
        store.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && CuratorStore.Problem(r.Tokens[0].Value) is { } problem) r.AddError(problem);
        });
        Subcommands.Add(Report(store));
        Subcommands.Add(Export(store));
        Subcommands.Add(Promote(content));
    }

    private static Command Report(Option<string> store)
    {
        var since = new Option<DateOnly?>("--since")
        {
            Description = "Only records seen on or after this day (YYYY-MM-DD, UTC).",
            HelpName = "DATE",
            CustomParser = r => DateOnly.TryParseExact(r.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : Fail<DateOnly?>(r, $"'{r.Tokens[0].Value}' is not a date in the form YYYY-MM-DD."),
        };
        var reviewed = new Option<bool>("--include-reviewed") { Description = "Also list the items a curator marked reviewed on the host's /curation page (hidden by default)." };
        var command = new Command("report", "Unanswered questions grouped by the nearest claim, did-you-mean picks per claim, votes per claim with the helpful rate and comments.") { store, since, reviewed };
        command.SetAction((parse, cancel) => WithRecordsAsync(parse, store, parse.GetValue(since), records =>
        {
            CurationReportText.Write(parse.InvocationConfiguration.Output, CurationReport.Build(records, parse.GetValue(since), parse.GetValue(reviewed)));
        }, cancel));
        return command;
    }

    private static Command Export(Option<string> store)
    {
        var format = new Option<string>("--format") { Description = "eval: JSONL in shared/eval's format with empty labels, for labelling into a new evaluation set.", Required = true };
        format.AcceptOnlyFromAmong("eval");
        var command = new Command("export", "Write the unanswered and picked questions, one JSON line each, most asked first.") { store, format };
        command.SetAction((parse, cancel) => WithRecordsAsync(parse, store, null, records =>
        {
            var questions = records.Unanswered.Select(r => (r.Value.Question, r.Value.Count))
                .Concat(records.Picks.Select(r => (r.Value.Question, r.Value.Count)))
                .GroupBy(r => r.Question, StringComparer.Ordinal)
                .Select(g => (Question: g.Key, Count: g.Sum(r => Math.Max(1, r.Count))))
                .Where(q => q.Question.Length > 0)
                .OrderByDescending(q => q.Count).ThenBy(q => q.Question, StringComparer.Ordinal);
            var output = parse.InvocationConfiguration.Output;
            foreach (var (question, _) in questions)
                output.WriteLine(JsonSerializer.Serialize(new EvalRow(question, [], "")));
        }, cancel));
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

    // Reads the records, then hands them to the command; a Redis that does not answer is a failure (exit 1), named without its password.
    private static async Task<int> WithRecordsAsync(ParseResult parse, Option<string> store, DateOnly? since, Action<CuratorRecords> use, CancellationToken cancellationToken)
    {
        var address = parse.GetValue(store)!;
        CuratorRecords records;
        using (var opened = CuratorStore.Open(address))
        {
            try
            {
                records = await CuratorRecords.ReadAsync(opened.Scan, since, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"Could not read the store: {CuratorStore.Redacted(address)} did not answer.").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }
        use(records);
        return ExitCodes.Ok;
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
