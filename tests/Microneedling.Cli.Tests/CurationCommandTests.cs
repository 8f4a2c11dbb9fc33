using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Microneedling.Cli.Tests;

/// <summary><c>curation report | export | promote</c> against a store laid out as the bot writes it.</summary>
public sealed class CurationCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>Curator records in the bot's shape, and one item that is not a curator record.</summary>
    internal static readonly (string Key, string Json)[] Records =
    [
        ("curation/unanswered/1", """{"question":"can i roll on a sunburn","reason":"no-match","reasons":{"no-match":3},"candidates":["aftercare","redness-downtime"],"count":3,"firstSeenUtc":"2026-11-20","lastSeenUtc":"2026-11-30"}"""),
        ("curation/unanswered/2", """{"question":"is it ok after a chemical peel","reason":"none-of-these","reasons":{"none-of-these":1},"candidates":["aftercare"],"count":1,"firstSeenUtc":"2026-11-28","lastSeenUtc":"2026-11-28"}"""),
        ("curation/unanswered/3", """{"question":"what pizza is best","reason":"no-match","reasons":{"no-match":1},"candidates":[],"count":1,"firstSeenUtc":"2026-10-01","lastSeenUtc":"2026-10-01"}"""),
        ("curation/picks/1", """{"question":"how much rolling is too much","claimId":"home-frequency","count":2,"firstSeenUtc":"2026-11-29","lastSeenUtc":"2026-11-30"}"""),
        ("curation/feedback/1", """{"claimId":"home-frequency","vote":"helpful","channel":"webchat","count":3,"firstSeenUtc":"2026-11-29","lastSeenUtc":"2026-11-30"}"""),
        ("curation/feedback/2", """{"claimId":"home-frequency","vote":"not-helpful","comment":"too long","channel":"msteams","count":1,"firstSeenUtc":"2026-11-29","lastSeenUtc":"2026-11-30"}"""),
        ("webchat/conversations/abc", """{"lastClaimIds":["home-frequency"]}"""),
    ];

    /// <summary>A state.db with curator records in the bot's shape (items table: key, json, etag).</summary>
    private string Store()
    {
        var path = _temp.File("state.db");
        using var db = new SqliteConnection($"Data Source={path}");
        db.Open();
        using var create = db.CreateCommand();
        create.CommandText = "CREATE TABLE items (key TEXT PRIMARY KEY, json TEXT NOT NULL, etag TEXT NOT NULL)";
        create.ExecuteNonQuery();
        foreach (var (key, json) in Records) Add(db, key, json);
        return path;
    }

    private static void Add(SqliteConnection db, string key, string json)
    {
        using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO items VALUES ($k, $j, 'e1')";
        insert.Parameters.AddWithValue("$k", key);
        insert.Parameters.AddWithValue("$j", json);
        insert.ExecuteNonQuery();
    }

    private string Content()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "content");
        var target = _temp.File("content");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    [Fact]
    public void Report_groups_unanswered_questions_by_nearest_claim_and_lists_picks_and_votes()
    {
        var result = CliRunner.Run("", "curation", "report", "--store", Store());

        Assert.Equal(0, result.ExitCode);
        var text = result.Stdout.Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains("Unanswered questions: 3 distinct, asked 5 times", text, StringComparison.Ordinal);
        Assert.Contains("  nearest claim aftercare (2 questions, asked 4 times)\n       3x  \"can i roll on a sunburn\"", text, StringComparison.Ordinal);
        Assert.Contains("  near no claim (1 questions, asked 1 times)\n       1x  \"what pizza is best\"", text, StringComparison.Ordinal);
        Assert.Contains("  home-frequency: picked 2 times", text, StringComparison.Ordinal);
        Assert.Contains("\"how much rolling is too much\"", text, StringComparison.Ordinal);
        Assert.Contains("  home-frequency: 3 of 4 helpful (75%)", text, StringComparison.Ordinal);
        Assert.Contains("not-helpful: \"too long\"  [msteams]", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("nearest claim aftercare", StringComparison.Ordinal) < text.IndexOf("near no claim", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_leaves_out_items_marked_reviewed_unless_asked_and_one_asked_again_since_is_listed()
    {
        var store = Store();
        using (var db = new SqliteConnection($"Data Source={store}"))
        {
            db.Open();
            Add(db, "curation/unanswered/4", """{"question":"reviewed already","reason":"no-match","candidates":[],"count":2,"reviewedCount":2,"reviewedUtc":"2026-11-30","lastSeenUtc":"2026-11-30"}""");
            Add(db, "curation/unanswered/5", """{"question":"asked again since review","reason":"no-match","candidates":[],"count":3,"reviewedCount":2,"reviewedUtc":"2026-11-30","lastSeenUtc":"2026-11-30"}""");
        }

        var hidden = CliRunner.Run("", "curation", "report", "--store", store);
        var listed = CliRunner.Run("", "curation", "report", "--store", store, "--include-reviewed");

        Assert.Equal(0, hidden.ExitCode);
        Assert.DoesNotContain("reviewed already", hidden.Stdout, StringComparison.Ordinal);
        Assert.Contains("asked again since review", hidden.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 items marked reviewed are not listed", hidden.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("\"reviewed already\"  [no-match; last 2026-11-30; reviewed]", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_since_a_day_leaves_out_records_last_seen_before_it()
    {
        var result = CliRunner.Run("", "curation", "report", "--store", Store(), "--since", "2026-11-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Unanswered questions: 2 distinct, asked 4 times", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("pizza", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    public void Report_with_a_date_that_is_not_one_is_a_usage_error(string since)
    {
        var result = CliRunner.Run("", "curation", "report", "--store", Store(), "--since", since);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("YYYY-MM-DD", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_without_a_store_that_exists_is_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run("", "curation", "report").ExitCode);
        Assert.Equal(2, CliRunner.Run("", "curation", "report", "--store", _temp.File("missing.db")).ExitCode);
    }

    [Theory]
    [InlineData("redis://")]
    [InlineData("redis://127.0.0.1:6379/not-a-number")]
    [InlineData("redis://127.0.0.1:6379?x=1")]
    public void Report_with_a_store_address_that_is_not_one_is_a_usage_error(string address)
    {
        var result = CliRunner.Run("", "curation", "report", "--store", address);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("redis://[[user]:password@]host[:port][/database]", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_eval_writes_each_question_once_with_empty_labels_most_asked_first()
    {
        var result = CliRunner.Run("", "curation", "export", "--store", Store(), "--format", "eval");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["can i roll on a sunburn", "how much rolling is too much", "is it ok after a chemical peel", "what pizza is best"], rows.Select(r => (string?)r["q"]));
        Assert.All(rows, r =>
        {
            Assert.Empty(r["expect"]!.AsArray());
            Assert.Equal("", (string?)r["kind"]);
        });
    }

    [Fact]
    public void Promote_adds_one_phrasing_line_keeps_the_rest_of_the_file_and_the_question_is_then_answered_with_that_claim()
    {
        var content = Content();
        var file = Path.Combine(content, "claims", "aftercare.yaml");
        var before = File.ReadAllLines(file);
        const string question = "can i roll on a sunburn";

        var result = CliRunner.Run("", "--content", content, "curation", "promote", question, "--claim", "aftercare");

        Assert.Equal(0, result.ExitCode);
        var after = File.ReadAllLines(file);
        var added = Assert.Single(after.Except(before));
        Assert.Equal("  - \"can i roll on a sunburn\"", added);
        Assert.Equal(before, after.Where(l => l != added));
        Assert.Equal(0, CliRunner.Run("", "--content", content, "validate").ExitCode);
        var check = JsonNode.Parse(CliRunner.Run(question + "\n", "--content", content, "check").Lines[0])!;
        Assert.Equal("aftercare", (string?)check["claims"]![0]!["id"]);
    }

    [Fact]
    public void Promoting_a_phrasing_the_claim_has_changes_nothing()
    {
        var content = Content();
        var file = Path.Combine(content, "claims", "home-frequency.yaml");
        var before = File.ReadAllText(file);

        var result = CliRunner.Run("", "--content", content, "curation", "promote", "How often should I  derma roll", "--claim", "home-frequency");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("already has that phrasing", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public void Promote_to_an_unknown_claim_is_a_usage_error_and_writes_nothing()
    {
        var content = Content();
        var result = CliRunner.Run("", "--content", content, "curation", "promote", "anything", "--claim", "no-such-claim");
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(content, "claims", "no-such-claim.yaml")));
    }

    [Fact]
    public void Promote_into_a_set_that_does_not_validate_is_refused_with_file_and_line_and_changes_nothing()
    {
        var content = Content();
        var file = Path.Combine(content, "claims", "melasma.yaml");
        // Another claim is broken: a set that does not validate is never edited.
        File.WriteAllText(Path.Combine(content, "claims", "acne-scars.yaml"),
            File.ReadAllText(Path.Combine(content, "claims", "acne-scars.yaml")).Replace("verdict: partly-true", "verdict: maybe", StringComparison.Ordinal));
        var before = File.ReadAllText(file);

        var result = CliRunner.Run("", "--content", content, "curation", "promote", "does it fade melasma", "--claim", "melasma");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("acne-scars.yaml:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(file));
    }
}
