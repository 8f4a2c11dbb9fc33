using System.Diagnostics;
using System.Globalization;
using Microneedling.Dialogs;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Teams;
using Microneedling.FactCheck;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Microneedling.Benchmarks;

/// <summary>
/// <c>teams-search</c>: the Teams search box's <c>composeExtension/query</c> answered as the bot answers it —
/// search, every result's card and preview, and the response serialised the way the adapter writes it —
/// for search terms typed one keystroke at a time (Teams sends a query as the person types), with the
/// engine's repeat cache off, so every query is computed. Prints percentiles; the target is p99 under 200 ms.
/// </summary>
internal static class TeamsSearchLatency
{
    private static readonly string[] Terms =
    [
        "needle length", "how often can I roll", "derma roller at home", "accutane", "isotretinoin microneedling",
        "acne scars", "stretch marks", "numbing cream", "aftercare", "sharing a roller", "dark skin",
        "hair loss", "3 mm", "pen or roller", "cleaning my roller", "redness after", "only reaches the top layer",
        "vitamin c serum after", "how many sessions", "blood thinners",
    ];

    public static void Run(TextWriter output)
    {
        var engine = FactChecker.Load(null, new MatcherOptions { RepeatedAnswers = 0 });
        var options = new TeamsOptions();
        var pages = new PublicClaimPages(Options.Create(new PublicPagesOptions { BaseUrl = "https://factcheck.example.org/" }));
        var extension = new ClaimSearchExtension(new ClaimSearch(engine, new AskedClaims(), new DialogOptions()), engine.Claims, pages, options);

        // Every prefix of at least 3 characters, as Teams sends them while someone types; then the empty first page.
        var queries = Terms.SelectMany(t => Enumerable.Range(3, t.Length - 2).Select(n => t[..n])).Append("").ToList();
        foreach (var q in queries.Take(60)) Answer(extension, q);

        var times = new List<double>(queries.Count * 3);
        for (var round = 0; round < 3; round++)
        {
            foreach (var q in queries)
            {
                var started = Stopwatch.GetTimestamp();
                Answer(extension, q);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        var sorted = times.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"composeExtension/query  n={sorted.Length,5}  p50 {P(0.5),6:0.00} ms  p90 {P(0.9),6:0.00} ms  p99 {P(0.99),6:0.00} ms  max {sorted[^1],6:0.00} ms  (target p99 < 200 ms)"));
    }

    private static int Answer(ClaimSearchExtension extension, string text)
    {
        var query = new MessagingExtensionQuery
        {
            CommandId = TeamsCommands.Search,
            Parameters = [new MessagingExtensionParameter(text.Length == 0 ? TeamsCommands.InitialRun : TeamsCommands.SearchParameter, text.Length == 0 ? "true" : text)],
            QueryOptions = new MessagingExtensionQueryOptions(0, 25),
        };
        var response = extension.QueryAsync(query, CancellationToken.None).GetAwaiter().GetResult();
        return JsonConvert.SerializeObject(response).Length;
    }
}
