using System.Text;
using System.Text.Json;

namespace Microneedling.Cli.Tests;

public sealed class CheckCommandTests
{
    [Fact]
    public void Each_line_in_gives_one_json_object_out_in_order()
    {
        var result = CliRunner.Run("Is microneedling painful?\nhow to make pancakes\nmy throat is closing up after microneedling\n", "check");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Lines;
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("Is microneedling painful?", first.RootElement.GetProperty("q").GetString());
        var claim = first.RootElement.GetProperty("claims")[0];
        Assert.Equal("painless-tingling", claim.GetProperty("id").GetString());
        Assert.Equal("misleading", claim.GetProperty("verdict").GetString());
        Assert.InRange(claim.GetProperty("score").GetDouble(), 0, 1);
        Assert.Equal("none", first.RootElement.GetProperty("referral").GetString());

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(0, second.RootElement.GetProperty("claims").GetArrayLength());
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal("emergency", third.RootElement.GetProperty("referral").GetString());
    }

    [Fact]
    public void Explain_adds_why_each_claim_matched()
    {
        var result = CliRunner.Run("is a 2mm dermarollr ok 5x a week\n", "check", "--explain");
        using var doc = JsonDocument.Parse(result.Lines.Single());
        var root = doc.RootElement;
        var why = root.GetProperty("claims")[0].GetProperty("why");
        Assert.True(why.GetProperty("terms").GetArrayLength() > 0);
        Assert.True(why.TryGetProperty("coverage", out _));
        Assert.Contains(root.GetProperty("quantities").EnumerateArray(), q => q.GetString()!.StartsWith("needle-length 2", StringComparison.Ordinal));
        Assert.Contains(root.GetProperty("corrections").EnumerateArray(), c => c.GetString()!.StartsWith("dermarollr", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_lines_each_get_a_sensible_answer()
    {
        var bytes = new List<byte>();
        void Line(byte[] b) { bytes.AddRange(b); bytes.Add((byte)'\n'); }
        Line([]);                                                   // empty line
        Line(Encoding.UTF8.GetBytes(new string('x', 100_000)));     // 100,000 characters
        Line([0x01, 0x02, 0x1b, (byte)'h', (byte)'i', 0x7f]);       // control characters
        Line(Encoding.UTF8.GetBytes("💉💉 is it safe? 😀"));        // emoji
        Line(Encoding.UTF8.GetBytes("¿El microneedling es seguro?")); // another language
        Line([0xC3, 0x28, 0xFF, 0xFE, (byte)'o', (byte)'k']);         // invalid UTF-8
        var result = CliRunner.Run(bytes.ToArray(), "check");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(6, result.Lines.Length);
        foreach (var line in result.Lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.TryGetProperty("referral", out _));
            Assert.True(doc.RootElement.TryGetProperty("confidence", out _));
        }
        using var invalid = JsonDocument.Parse(result.Lines[5]);
        Assert.Contains('\uFFFD', invalid.RootElement.GetProperty("q").GetString()!);
        using var longLine = JsonDocument.Parse(result.Lines[1]);
        Assert.Equal(100_000, longLine.RootElement.GetProperty("q").GetString()!.Length);
    }

    [Fact]
    public void Every_line_says_what_the_person_would_see()
    {
        var result = CliRunner.Run("Is microneedling painful?\nhow to make pancakes\n", "check");
        Assert.Equal(0, result.ExitCode);
        using var answered = JsonDocument.Parse(result.Lines[0]);
        Assert.Equal("high", answered.RootElement.GetProperty("confidence").GetString());
        using var nothing = JsonDocument.Parse(result.Lines[1]);
        Assert.Equal("none", nothing.RootElement.GetProperty("confidence").GetString());
    }

    [Fact]
    public void Confidence_agrees_with_the_claims_on_every_line_of_the_dev_set()
    {
        // high: an answer (at least one claim); medium: a "did you mean" (the claims are the choices, two or
        // more); none: nothing shown (no claims). Explain keeps the same field.
        var questions = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "eval", "dev.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .ToList();
        foreach (var args in new[] { new[] { "check" }, ["check", "--explain"] })
        {
            var result = CliRunner.Run(string.Join('\n', questions) + "\n", args);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(questions.Count, result.Lines.Length);
            foreach (var line in result.Lines)
            {
                using var doc = JsonDocument.Parse(line);
                var claims = doc.RootElement.GetProperty("claims").GetArrayLength();
                var confidence = doc.RootElement.GetProperty("confidence").GetString();
                Assert.True(confidence switch
                {
                    "high" => claims >= 1,
                    "medium" => claims >= 2,
                    "none" => claims == 0,
                    _ => false,
                }, $"confidence {confidence} with {claims} claim(s): {line}");
            }
        }
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var result = CliRunner.Run("", "check", "--bogus");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--bogus", result.Stderr);
        Assert.Contains("usage: microneedling check", result.Stderr);
    }
}
