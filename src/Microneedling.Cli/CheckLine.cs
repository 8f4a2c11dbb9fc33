using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microneedling.FactCheck;

namespace Microneedling.Cli;

/// <summary>
/// One line of <c>check</c> output:
/// <c>{"q": "...", "claims": [{"id", "verdict", "score"}], "referral": "...", "confidence": "high|medium|none"}</c>.
/// "confidence" is what the person sees: high, an answer (the claims); medium, a "did you mean" (the claims are the
/// choices offered); none, no answer (no claims). With explain each claim also says why it matched, and the line
/// carries triage signs, quantities, corrections and candidates.
/// </summary>
internal sealed class CheckLine(bool explain)
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII readable (accents, emoji) while still escaping what JSON requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public string Write(string question, FactCheckResult result)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
            Write(writer, question, result);
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>
    /// What the person sees, as EvalReport counts it (score.py's "confidence"): with no claim there is nothing to
    /// show, whatever the matcher's own confidence.
    /// </summary>
    public static MatchConfidence Shown(FactCheckResult result) => result.Abstained ? MatchConfidence.None : result.Confidence;

    private void Write(Utf8JsonWriter w, string question, FactCheckResult result)
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
            if (explain) WriteWhy(w, match);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("referral", result.Referral.ToName());
        w.WriteString("confidence", Shown(result).ToString().ToLowerInvariant());
        if (explain) WriteExplanation(w, result);
        w.WriteEndObject();
    }

    private static void WriteExplanation(Utf8JsonWriter w, FactCheckResult result)
    {
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

    private static void WriteWhy(Utf8JsonWriter w, ClaimMatch match)
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
