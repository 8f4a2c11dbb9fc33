using System.Text.Encodings.Web;
using System.Text.Json;
using Microneedling.FactCheck;

namespace Microneedling.Cli;

/// <summary>
/// <c>check [--explain]</c>: one question per stdin line in, one JSON object per line out, same order:
/// <c>{"q": "...", "claims": [{"id", "verdict", "score"}], "referral": "..."}</c>. With --explain each
/// claim also says why it matched, and the line carries triage signs, quantities and corrections.
/// </summary>
internal static class CheckCommand
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII readable (accents, emoji) while still escaping what JSON requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var explain = false;
        foreach (var arg in args)
        {
            if (arg == "--explain") explain = true;
            else
            {
                stderr.WriteLine($"check: unknown option '{arg}' (expected --explain)");
                return 2;
            }
        }
        var engine = FactChecker.Load(ContentPaths.ContentDirectory);
        using var buffer = new MemoryStream();
        string? line;
        while ((line = stdin.ReadLine()) is not null)
        {
            buffer.SetLength(0);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                Write(writer, line, engine.Check(line), explain);
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        stdout.Flush();
        return 0;
    }

    private static void Write(Utf8JsonWriter w, string question, FactCheckResult result, bool explain)
    {
        w.WriteStartObject();
        w.WriteString("q", question);
        w.WriteStartArray("claims");
        foreach (var match in result.Matches)
        {
            w.WriteStartObject();
            w.WriteString("id", match.Claim.Id);
            w.WriteString("verdict", match.Claim.Verdict.ToName());
            w.WriteNumber("score", match.Score);
            if (explain) WriteExplanation(w, match);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("referral", result.Referral.ToName());
        if (explain)
        {
            w.WriteString("confidence", result.Confidence.ToString().ToLowerInvariant());
            w.WriteStartArray("triage");
            foreach (var sign in result.Triage.Signs) w.WriteStringValue(sign);
            w.WriteEndArray();
            if (result.Triage.Probabilities is { } p)
            {
                w.WriteNumber("p_emergency", Math.Round(p.Emergency, 3));
                w.WriteNumber("p_urgent", Math.Round(p.Urgent, 3));
            }
            if (result.Triage.ConditionalAdvice is { } conditional) w.WriteString("conditional", conditional);
            w.WriteNumber("certainty", Math.Round(result.Certainty, 3));
            w.WriteStartArray("quantities");
            foreach (var q in result.Quantities) w.WriteStringValue(q.ToString());
            w.WriteEndArray();
            w.WriteStartArray("corrections");
            foreach (var c in result.Corrections) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartArray("candidates");
            foreach (var c in result.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Claim.Id);
                w.WriteNumber("score", c.Score);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteExplanation(Utf8JsonWriter w, ClaimMatch match)
    {
        var e = match.Explanation;
        w.WriteStartObject("why");
        w.WriteStartArray("terms");
        foreach (var t in e.MatchedTerms) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteNumber("coverage", e.Coverage);
        w.WriteNumber("phrasing", e.PhrasingSimilarity);
        w.WriteNumber("quantity_boost", e.QuantityBoost);
        w.WriteNumber("bm25", e.Bm25);
        w.WriteStartArray("notes");
        foreach (var note in match.QuantityNotes) w.WriteStringValue(note.Text);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
