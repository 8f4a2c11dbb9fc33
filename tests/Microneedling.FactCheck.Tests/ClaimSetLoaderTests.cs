using System.Text.RegularExpressions;
using Microneedling.FactCheck;
using Microneedling.FactCheck.Quantities;

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
        Assert.Equal(25, error.Line);
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
                within: "{value} is fine"
                above: "{value} is too long"
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
        var rule = new QuantityRule(QuantityKind.NeedleLength, null, 0.25, "{value} is fine", "{value} is too long", null);
        Assert.Equal("2 mm is too long", rule.Describe(2));
        Assert.Equal("0.2 mm is fine", rule.Describe(0.2));
        Assert.True(rule.IsOutOfRange(0.5));
        Assert.False(rule.IsOutOfRange(0.25));
    }

    [Theory]
    [InlineData(1, "Rolling once a week is too often.")]
    [InlineData(2, "Rolling twice a week is too often.")]
    [InlineData(3, "Rolling 3 times a week is too often.")]
    [InlineData(3.5, "Rolling every other day is too often.")]
    [InlineData(7, "Rolling every day is too often.")]
    [InlineData(14, "Rolling twice a day is too often.")]
    [InlineData(1 / QuantityWording.WeeksPerMonth, "Rolling once a month is fine.")]
    [InlineData(3 / QuantityWording.WeeksPerMonth, "Rolling 3 times a month is too often.")]
    public void Quantity_sentences_say_numbers_the_way_people_do(double perWeek, string expected)
    {
        var rule = new QuantityRule(QuantityKind.Frequency, null, 0.25, "Rolling {value} is fine.", "Rolling {value} is too often.", null);
        Assert.Equal(expected, rule.Describe(perWeek));
    }

    [Fact]
    public void A_sentence_that_opens_with_the_value_starts_with_a_capital()
    {
        var rule = new QuantityRule(QuantityKind.Frequency, null, 1, "{value} is fine.", "{value} is too often.", null);
        Assert.Equal("Once a month is fine.", rule.Describe(1 / QuantityWording.WeeksPerMonth));
        Assert.Equal("Every day is too often.", rule.Describe(7));
    }

    [Fact]
    public void Bands_above_the_usual_range_and_far_above_the_safe_range_have_their_own_sentences()
    {
        var interval = new QuantityRule(QuantityKind.Interval, 4, null, "{value} is usual.", "{value} is usual.", "{value} is too short.")
            { UsualMax = 8, AboveUsual = "{value} is a long gap." };
        Assert.Equal("2 weeks is too short.", interval.Describe(2));
        Assert.Equal("6 weeks is usual.", interval.Describe(6));
        Assert.Equal("6 months is a long gap.", interval.Describe(6 * QuantityWording.WeeksPerMonth));
        Assert.False(interval.IsOutOfRange(26), "a long gap is not out of the safe range");
        Assert.True(interval.IsOutOfRange(2));

        var length = new QuantityRule(QuantityKind.NeedleLength, null, 0.25, "{value} ok.", "{value} too long.", null)
            { FarMax = 1.5, FarAbove = "{value} far too long." };
        Assert.Equal("0.25 mm ok.", length.Describe(0.25));
        Assert.Equal("1.5 mm too long.", length.Describe(1.5));
        Assert.Equal("2 mm far too long.", length.Describe(2));
        Assert.True(length.IsOutOfRange(2));
    }

    [Fact]
    public void Quantity_rule_bands_are_read_and_checked()
    {
        using var files = new ClaimFiles();
        files.Write("bands", ClaimFiles.Valid("bands").Replace("referral]", "referral, quantities]") + """

            quantities:
              - kind: interval
                safe-min: 4
                usual-max: 8
                within: "{value} is usual"
                above-usual: "{value} is a long gap"
                below: "{value} is too short"
            """);
        var claim = ClaimSetLoader.Load(files.Directory, Today).Find("bands")!;
        var rule = Assert.Single(claim.Quantities);
        Assert.Equal(8, rule.UsualMax);
        Assert.Equal("10 weeks is a long gap", rule.Describe(10));
    }

    [Theory]
    [InlineData("safe-max: 0.25\n    within: \"{value} mm is fine\"\n    above: \"too long\"", "quantities[0].within", "already includes its unit")]
    [InlineData("safe-max: 1\n    within: \"{value} times a week is fine\"\n    above: \"too often\"", "quantities[0].within", "already includes its unit")]
    [InlineData("safe-max: 1\n    within: \"{amount} is fine\"\n    above: \"too often\"", "quantities[0].within", "unknown placeholder '{amount}'")]
    [InlineData("safe-min: 4\n    far-max: 8\n    far-above: x\n    within: x\n    below: y", "quantities[0].far-max", "needs a safe-max")]
    [InlineData("safe-max: 2\n    far-max: 1\n    far-above: x\n    within: x\n    above: y", "quantities[0]", "safe-max (2) must be below far-max (1)")]
    [InlineData("safe-min: 4\n    usual-max: 8\n    within: x\n    below: y", "quantities[0].above-usual", "is missing")]
    [InlineData("safe-min: 4\n    above-usual: x\n    within: x\n    below: y", "quantities[0].above-usual", "never said without usual-max")]
    public void Bad_quantity_sentences_and_bands_are_rejected(string rule, string field, string message)
    {
        using var files = new ClaimFiles();
        files.Write("bad-rule", ClaimFiles.Valid("bad-rule") + "\nquantities:\n  - kind: frequency\n    " + rule + "\n");
        var errors = Errors(files);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message));
    }

    [Fact]
    public void Source_ids_and_supports_are_read()
    {
        using var files = new ClaimFiles();
        files.Write("traced", ClaimFiles.Valid("traced").Replace("""
                supports: [answer, guidance, referral]
            """, """
                supports: [answer, guidance]
              - id: Chu2021
                title: Another source
                publisher: A journal
                year: 2021
                url: https://example.org/other
                supports: [referral]
            """));
        var claim = ClaimSetLoader.Load(files.Directory, Today).Find("traced")!;
        Assert.Equal(["S1", "Chu2021"], claim.Sources.Select(s => s.Id));
        Assert.Equal(["answer", "guidance"], claim.Sources[0].Supports);
        Assert.True(claim.Sources[1].Backs(SourceSupport.Referral));
        Assert.False(claim.Sources[1].Backs(SourceSupport.Answer));
    }

    [Theory]
    [InlineData("supports: [answer, guidance, referral, answr]", "sources[0].supports", "unknown field 'answr'")]
    [InlineData("supports: [answer, guidance, referral, sources]", "sources[0].supports", "unknown field 'sources'")]
    [InlineData("supports: [answer, guidance, referral, answer]", "sources[0].supports", "'answer' is listed twice")]
    [InlineData("supports: []", "sources[0].supports", "is empty")]
    [InlineData("supports:", "sources[0].supports", "is empty")]
    [InlineData("supports: answer", "sources[0].supports", "expected a list")]
    [InlineData("supports: [answer, [guidance]]", "sources[0].supports[1]", "is empty")]
    public void Garbage_in_a_supports_list_is_rejected(string supports, string field, string message)
    {
        using var files = new ClaimFiles();
        files.Write("bad-supports", ClaimFiles.Valid("bad-supports").Replace("supports: [answer, guidance, referral]", supports));
        var errors = Errors(files);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message));
        Assert.All(errors, e => Assert.Matches(@"bad-supports\.yaml:\d+: ", e.ToString()));
    }

    [Fact]
    public void A_source_id_used_twice_is_rejected_at_the_second_entry()
    {
        using var files = new ClaimFiles();
        files.Write("twice", ClaimFiles.Valid("twice").Replace("""
                supports: [answer, guidance, referral]
            """, """
                supports: [answer, guidance, referral]
              - id: s1
                title: Another source
                publisher: A journal
                year: 2021
                url: https://example.org/other
                supports: [answer]
            """));
        var error = Assert.Single(Errors(files));
        Assert.Equal("sources[1].id", error.Field);
        Assert.Contains("used twice", error.Message);
        Assert.Equal(13, error.Line);
    }

    [Theory]
    [InlineData("id: S 1", "not an evidence code")]
    [InlineData("id: '[S1]'", "not an evidence code")]
    [InlineData("id: 11", "not an evidence code")]
    public void A_source_id_must_be_an_evidence_code(string id, string message)
    {
        using var files = new ClaimFiles();
        files.Write("bad-id", ClaimFiles.Valid("bad-id").Replace("id: S1", id));
        Assert.Contains(Errors(files), e => e.Field == "sources[0].id" && e.Message.Contains(message));
    }

    [Fact]
    public void The_same_document_listed_twice_is_rejected()
    {
        using var files = new ClaimFiles();
        files.Write("same-url", ClaimFiles.Valid("same-url").Replace("""
                supports: [answer, guidance, referral]
            """, """
                supports: [answer, guidance, referral]
              - id: S2
                title: Same document again
                publisher: A publisher
                year: 2018
                url: https://example.org/source
            """));
        Assert.Contains(Errors(files), e => e.Field == "sources[1].url" && e.Message.Contains("listed twice"));
    }

    [Theory]
    [InlineData("[guidance, referral]", "answer", 4)]
    [InlineData("[answer, referral]", "guidance", 5)]
    [InlineData("[answer, guidance]", "referral.wording", 15)]
    public void A_field_no_source_backs_is_refused_with_file_and_line(string supports, string field, int line)
    {
        using var files = new ClaimFiles();
        files.Write("untraced", ClaimFiles.Valid("untraced").Replace("supports: [answer, guidance, referral]", "supports: " + supports));
        var error = Assert.Single(Errors(files));
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.Matches($@"untraced\.yaml:{line}: {Regex.Escape(field)}: no source backs it", error.ToString());
    }

    [Fact]
    public void A_claim_whose_sources_back_nothing_gets_one_error_per_unbacked_field()
    {
        using var files = new ClaimFiles();
        files.Write("no-supports", ClaimFiles.Valid("no-supports").Replace("    supports: [answer, guidance, referral]\n", ""));
        var errors = Errors(files);
        Assert.Equal(["answer", "guidance", "referral.wording"], errors.Select(e => e.Field).Order());
        Assert.All(errors, e => Assert.Contains("no source backs it", e.Message));
    }

    [Fact]
    public void Quantity_sentences_need_a_source_too()
    {
        using var files = new ClaimFiles();
        files.Write("qty-untraced", ClaimFiles.Valid("qty-untraced") + """

            quantities:
              - kind: needle-length
                safe-max: 0.25
                within: "{value} is short."
                above: "{value} is long."
            """);
        var error = Assert.Single(Errors(files));
        Assert.Equal("quantities", error.Field);
        Assert.Contains("add 'quantities'", error.Message);

        files.Write("qty-untraced", File.ReadAllText(Path.Combine(files.Directory, "qty-untraced.yaml"))
            .Replace("supports: [answer, guidance, referral]", "supports: [answer, guidance, referral, quantities]"));
        Assert.Empty(Errors(files));
    }

    [Fact]
    public void Supports_naming_quantities_on_a_claim_without_them_is_refused()
    {
        using var files = new ClaimFiles();
        files.Write("no-qty", ClaimFiles.Valid("no-qty").Replace("supports: [answer, guidance, referral]", "supports: [answer, guidance, referral, quantities]"));
        var error = Assert.Single(Errors(files));
        Assert.Equal("sources[0].supports", error.Field);
        Assert.Contains("no quantities", error.Message);
    }

    [Fact]
    public void A_broken_source_is_reported_once_not_again_as_a_missing_supporter()
    {
        using var files = new ClaimFiles();
        files.Write("broken-source", ClaimFiles.Valid("broken-source").Replace("https://example.org/source", "ftp://example.org/source"));
        var error = Assert.Single(Errors(files));
        Assert.Equal("sources[0].url", error.Field);
    }

    [Fact]
    public void Every_shipped_claim_traces_each_field_to_a_source()
    {
        var set = ClaimSetLoader.Load(Path.Combine(AppContext.BaseDirectory, "content", "claims"));
        foreach (var claim in set.All)
        {
            foreach (var field in new[] { SourceSupport.Answer, SourceSupport.Guidance, SourceSupport.Referral })
                Assert.True(claim.Sources.Any(s => s.Backs(field)), $"{claim.Id}: {field}");
            if (claim.Quantities.Count > 0) Assert.Contains(claim.Sources, s => s.Backs(SourceSupport.Quantities));
            Assert.All(claim.Sources, s => Assert.False(string.IsNullOrEmpty(s.Id), $"{claim.Id}: a source without an evidence id"));
        }
    }
}
