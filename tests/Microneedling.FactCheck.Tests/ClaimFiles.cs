namespace Microneedling.FactCheck.Tests;

/// <summary>A temporary claim folder for loader tests, seeded with valid claims that tests then break.</summary>
internal sealed class ClaimFiles : IDisposable
{
    public ClaimFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("claims-test-").FullName;
    }

    public string Directory { get; }

    public string Write(string id, string yaml)
    {
        var path = Path.Combine(Directory, id + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void WriteValid(string id, string related = "[]") => Write(id, Valid(id, related));

    public static string Valid(string id, string related = "[]") => $"""
        id: {id}
        claim: Something people say about {id}
        verdict: misleading
        answer: The corrected answer.
        guidance: The fuller guidance.
        sources:
          - id: S1
            title: A source
            publisher: A publisher
            year: 2018
            url: https://example.org/source
            supports: [answer, guidance, referral]
        referral:
          level: none
          wording: No referral needed.
        phrasings:
          - phrasing one about {id}
          - phrasing two about {id}
          - phrasing three about {id}
          - phrasing four about {id}
          - phrasing five about {id}
          - phrasing six about {id}
          - phrasing seven about {id}
          - phrasing eight about {id}
        related: {related}
        last-reviewed: 2026-01-15
        """;

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
