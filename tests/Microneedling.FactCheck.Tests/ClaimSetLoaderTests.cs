using Microneedling.FactCheck;

namespace Microneedling.FactCheck.Tests;

public sealed class ClaimSetLoaderTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static IReadOnlyList<ContentError> Errors(ClaimFiles files) => ClaimSetLoader.Validate(files.Directory, Today).Errors;

    [Fact]
    public void Valid_claims_load_with_every_field()
    {
        using var files = new ClaimFiles();
        files.WriteValid("first-claim", "[second-claim]");
        files.WriteValid("second-claim");
        var set = ClaimSetLoader.Load(files.Directory, Today);
        Assert.Equal(2, set.Count);
        var claim = set.Find("first-claim")!;
        Assert.Equal(Verdict.Misleading, claim.Verdict);
        Assert.Equal(ReferralLevel.None, claim.Referral.Level);
        Assert.Equal(8, claim.Phrasings.Count);
        Assert.Equal(["second-claim"], claim.Related);
        Assert.Equal(new DateOnly(2026, 1, 15), claim.LastReviewed);
        Assert.Equal(new Uri("https://example.org/source"), claim.Sources[0].Url);
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        using var files = new ClaimFiles();
        files.WriteValid("same-id");
        File.WriteAllText(Path.Combine(files.Directory, "same-id.yml"), ClaimFiles.Valid("same-id"));
        var errors = Errors(files);
        Assert.Contains(errors, e => e.Message.Contains("duplicate id 'same-id'"));
    }

    [Fact]
    public void Unknown_verdict_names_file_line_and_field()
    {
        using var files = new ClaimFiles();
        files.Write("bad-verdict", ClaimFiles.Valid("bad-verdict").Replace("verdict: misleading", "verdict: mostly-true"));
        var error = Assert.Single(Errors(files));
        Assert.Equal("verdict", error.Field);
        Assert.Equal(3, error.Line);
        Assert.EndsWith("bad-verdict.yaml", error.File);
        Assert.Contains("mostly-true", error.ToString());
        Assert.Matches(@"bad-verdict\.yaml:3: verdict: ", error.ToString());
    }

    [Fact]
    public void Unknown_referral_level_is_rejected()
    {
        using var files = new ClaimFiles();
        files.Write("bad-referral", ClaimFiles.Valid("bad-referral").Replace("level: none", "level: gp"));
        Assert.Contains(Errors(files), e => e.Field == "referral.level" && e.Message.Contains("'gp'"));
    }

    [Fact]
    public void Non_https_source_is_rejected()
    {
        using var files = new ClaimFiles();
        files.Write("http-source", ClaimFiles.Valid("http-source").Replace("https://example.org/source", "http://example.org/source"));
        Assert.Contains(Errors(files), e => e.Field == "sources[0].url" && e.Message.Contains("https"));
    }

    [Fact]
    public void Missing_sources_are_rejected()
    {
        using var files = new ClaimFiles();
        var yaml = ClaimFiles.Valid("no-sources");
        var start = yaml.IndexOf("sources:", StringComparison.Ordinal);
        var end = yaml.IndexOf("referral:", StringComparison.Ordinal);
        files.Write("no-sources", yaml.Remove(start, end - start));
        Assert.Contains(Errors(files), e => e.Field == "sources" && e.Message.Contains("missing"));
    }

    [Fact]
    public void Empty_source_list_is_rejected()
    {
        using var files = new ClaimFiles();
        var yaml = ClaimFiles.Valid("empty-sources");
        var start = yaml.IndexOf("sources:", StringComparison.Ordinal);
        var end = yaml.IndexOf("referral:", StringComparison.Ordinal);
        files.Write("empty-sources", yaml.Remove(start, end - start).Insert(start, "sources: []\n"));
        Assert.Contains(Errors(files), e => e.Field == "sources" && e.Message.Contains("at least one"));
    }

    [Fact]
    public void Unknown_related_id_is_rejected_with_its_line()
    {
        using var files = new ClaimFiles();
        files.WriteValid("has-related", "[no-such-claim]");
        var error = Assert.Single(Errors(files));
        Assert.Equal("related", error.Field);
        Assert.Contains("no-such-claim", error.Message);
        Assert.Equal(23, error.Line);
    }

    [Fact]
    public void Empty_phrasing_and_too_few_phrasings_are_rejected()
    {
        using var files = new ClaimFiles();
        files.Write("few-phrasings", ClaimFiles.Valid("few-phrasings").Replace("  - phrasing eight about few-phrasings", "  - \"\""));
        var errors = Errors(files);
        Assert.Contains(errors, e => e.Field == "phrasings[7]" && e.Message.Contains("empty"));
        Assert.Contains(errors, e => e.Field == "phrasings" && e.Message.Contains("at least 8"));
    }

    [Theory]
    [InlineData("2026-13-01", "not a date")]
    [InlineData("yesterday", "not a date")]
    [InlineData("2030-01-01", "in the future")]
    public void Bad_review_dates_are_rejected(string date, string message)
    {
        using var files = new ClaimFiles();
        files.Write("bad-date", ClaimFiles.Valid("bad-date").Replace("last-reviewed: 2026-01-15", "last-reviewed: " + date));
        Assert.Contains(Errors(files), e => e.Field == "last-reviewed" && e.Message.Contains(message));
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
    {
        using var files = new ClaimFiles();
        files.Write("broken", "id: broken\nclaim: fine\nverdict: \"unterminated\n  : - x\n");
        var error = Assert.Single(Errors(files));
        Assert.EndsWith("broken.yaml", error.File);
        Assert.Contains("malformed YAML", error.Message);
        Assert.InRange(error.Line, 3, 5);
    }

    [Fact]
    public void Unclosed_flow_list_is_a_clear_error_not_a_crash()
    {
        using var files = new ClaimFiles();
        files.Write("unclosed", "id: unclosed\nclaim: [unclosed\nverdict: false\n");
        var error = Assert.Single(Errors(files));
        Assert.EndsWith("unclosed.yaml", error.File);
        Assert.Contains("malformed YAML", error.Message);
    }

    [Fact]
    public void Misspelt_field_is_an_error_not_silently_dropped()
    {
        using var files = new ClaimFiles();
        files.Write("typo-field", ClaimFiles.Valid("typo-field") + "\nguidence: extra\n");
        Assert.Contains(Errors(files), e => e.Field == "guidence" && e.Message.Contains("unknown field"));
    }

    [Fact]
    public void File_name_must_match_id()
    {
        using var files = new ClaimFiles();
        files.Write("wrong-name", ClaimFiles.Valid("other-id"));
        Assert.Contains(Errors(files), e => e.Field == "id" && e.Message.Contains("other-id.yaml"));
    }

    [Fact]
    public void Every_problem_in_every_file_is_reported_not_just_the_first()
    {
        using var files = new ClaimFiles();
        files.Write("one", ClaimFiles.Valid("one").Replace("verdict: misleading", "verdict: maybe").Replace("https://", "ftp://"));
        files.Write("two", ClaimFiles.Valid("two").Replace("level: none", "level: soon"));
        files.Write("three", "- just\n- a list\n");
        var errors = Errors(files);
        Assert.True(errors.Count >= 4, string.Join("\n", errors));
        Assert.Contains(errors, e => e.File.EndsWith("one.yaml") && e.Field == "verdict");
        Assert.Contains(errors, e => e.File.EndsWith("one.yaml") && e.Field == "sources[0].url");
        Assert.Contains(errors, e => e.File.EndsWith("two.yaml") && e.Field == "referral.level");
        Assert.Contains(errors, e => e.File.EndsWith("three.yaml"));
    }

    [Fact]
    public void Load_throws_with_every_problem_in_the_message()
    {
        using var files = new ClaimFiles();
        files.Write("one", ClaimFiles.Valid("one").Replace("verdict: misleading", "verdict: maybe"));
        files.WriteValid("two", "[missing-one]");
        var ex = Assert.Throws<ContentException>(() => ClaimSetLoader.Load(files.Directory, Today));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("one.yaml:3: verdict", ex.Message);
        Assert.Contains("missing-one", ex.Message);
    }

    [Fact]
    public void Empty_file_and_missing_folder_are_clear_errors()
    {
        using var files = new ClaimFiles();
        files.Write("empty", "");
        Assert.Contains(Errors(files), e => e.Message.Contains("empty"));
        var (set, errors) = ClaimSetLoader.Validate(Path.Combine(files.Directory, "nope"), Today);
        Assert.Null(set);
        Assert.Contains("does not exist", Assert.Single(errors).Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_claim_file_is_reported()
    {
        using var files = new ClaimFiles();
        var path = files.Write("bad-bytes", ClaimFiles.Valid("bad-bytes"));
        var bytes = File.ReadAllBytes(path).Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
        File.WriteAllBytes(path, bytes);
        Assert.Contains(Errors(files), e => e.File.EndsWith("bad-bytes.yaml") && e.Message.Contains("cannot read"));
    }

    [Fact]
    public void Quantity_rules_are_validated()
    {
        using var files = new ClaimFiles();
        files.Write("qty", ClaimFiles.Valid("qty") + """

            quantities:
              - kind: needle-length
                safe-max: 0.25
                within: "{value} mm is fine"
                above: "{value} mm is too long"
              - kind: speed
                safe-max: abc
                within: x
            """);
        var errors = Errors(files);
        Assert.Contains(errors, e => e.Field == "quantities[1].kind" && e.Message.Contains("speed"));
        Assert.Contains(errors, e => e.Field == "quantities[1].safe-max" && e.Message.Contains("not a number"));
    }

    [Fact]
    public void Quantity_rule_describes_values_inside_and_outside_the_range()
    {
        var rule = new QuantityRule(QuantityKind.NeedleLength, null, 0.25, "{value} mm is fine", "{value} mm is too long", null);
        Assert.Equal("2 mm is too long", rule.Describe(2));
        Assert.Equal("0.2 mm is fine", rule.Describe(0.2));
        Assert.True(rule.IsOutOfRange(0.5));
        Assert.False(rule.IsOutOfRange(0.25));
    }

    [Theory]
    [InlineData(1, "Rolling once a week is fine; wait 1 week.")]
    [InlineData(2, "Rolling twice a week is fine; wait 2 weeks.")]
    [InlineData(3, "Rolling 3 times a week is fine; wait 3 weeks.")]
    [InlineData(12, "Rolling 12 times a week is fine; wait 12 weeks.")]
    public void Quantity_sentences_read_naturally_for_one_and_two(double value, string expected)
    {
        var rule = new QuantityRule(QuantityKind.Frequency, null, 100, "Rolling {value} times a week is fine; wait {value} weeks.", "too often", null);
        Assert.Equal(expected, rule.Describe(value));
    }
}
