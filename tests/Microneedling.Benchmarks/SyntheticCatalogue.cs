using Microneedling.FactCheck;

namespace Microneedling.Benchmarks;

/// <summary>
/// A deterministic catalogue of made-up claims for scale tests: each claim gets ten phrasings drawn
/// from a 20,000-word synthetic vocabulary plus a few real domain words, so postings look realistic
/// (rare words point to few claims, common ones to many).
/// </summary>
internal static class SyntheticCatalogue
{
    private static readonly string[] Domain =
        ["microneedling", "roller", "needle", "skin", "safe", "home", "week", "collagen", "scar", "pain", "serum", "clinic"];

    public static IEnumerable<Claim> Create(int count, int seed = 20261124)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, 20_000).Select(i => Word(random, i)).ToArray();
        for (var i = 0; i < count; i++)
        {
            var id = $"synthetic-{i:D5}";
            var phrasings = Enumerable.Range(0, 10)
                .Select(_ => string.Join(' ', Enumerable.Range(0, 6).Select(_ => random.Next(4) == 0 ? Domain[random.Next(Domain.Length)] : words[Zipf(random, words.Length)])))
                .ToList();
            yield return new Claim
            {
                Id = id,
                Statement = phrasings[0],
                Verdict = Verdict.Misleading,
                Answer = "Synthetic answer.",
                Guidance = "Synthetic guidance.",
                Sources = [new Source("Synthetic", "Benchmarks", 2026, new Uri("https://example.org/synthetic"))],
                Referral = new Referral(ReferralLevel.None, "None."),
                Phrasings = phrasings.Skip(1).ToList(),
                Related = [],
                LastReviewed = new DateOnly(2026, 11, 24),
            };
        }
    }

    private static string Word(Random random, int i)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var length = 5 + random.Next(6);
        return string.Concat(Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)])) + (char)('a' + (i % 26));
    }

    // Word ranks follow a Zipf-like law, as in real text.
    private static int Zipf(Random random, int n) => (int)Math.Min(n - 1, Math.Floor(Math.Pow(n, random.NextDouble())) - 1);
}
