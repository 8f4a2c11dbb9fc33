namespace Microneedling.Benchmarks;

/// <summary>
/// A fixed mix of questions: in scope, numbers, typos, several claims, out of scope, red flags.
/// tests/load/expect-replies.lua sends the same mix (a Lua copy: keep the two alike).
/// </summary>
internal static class Questions
{
    public static readonly string[] Mix =
    [
        "is a 2mm dermaroller ok to use at home 4 times a week?",
        "does microneedling hurt",
        "can I use a derma roller while on accutane",
        "how do I clean my roller",
        "is it safe during pregnancy",
        "does it help with acne scars and stretch marks",
        "what should I put on my skin afterwards",
        "how often can i microneedel",
        "is morpheus8 safer than a normal pen",
        "is 0.25 mm ok every other day",
        "best pancake recipe",
        "hello there",
        "my face is hot and oozing pus after rolling",
        "I can't breathe and my lips are swelling",
        "will I see results after one session",
        "vampire facial at a salon, safe?",
    ];

    /// <summary>
    /// Every question of the evaluation sets (tests/Microneedling.FactCheck.Tests/eval, copied next to the
    /// benchmarks): a few thousand real-looking messages, short and long, that do not repeat.
    /// </summary>
    public static IReadOnlyList<string> Corpus { get; } = LoadCorpus();

    private static List<string> LoadCorpus()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "eval");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: the evaluation sets are copied here at build time");
        return Directory.EnumerateFiles(dir, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(Microneedling.FactCheck.Evaluation.EvalCase.Load).Select(c => c.Question).Distinct(StringComparer.Ordinal).ToList();
    }
}
