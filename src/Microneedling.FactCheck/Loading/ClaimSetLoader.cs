namespace Microneedling.FactCheck;

/// <summary>
/// Loads every <c>*.yaml</c> claim file of a folder and validates the set as a whole. A curator must
/// never ship a broken set by accident, so loading fails on any problem and reports all of them.
/// </summary>
public static class ClaimSetLoader
{
    /// <summary>Loads and validates; throws <see cref="ContentException"/> listing every problem.</summary>
    public static ClaimSet Load(string directory, DateOnly? today = null)
    {
        var (set, errors) = Validate(directory, today);
        if (errors.Count > 0) throw new ContentException(errors);
        return set!;
    }

    /// <summary>Validates without throwing: the set (null if any problem) and every problem found.</summary>
    public static (ClaimSet? Set, IReadOnlyList<ContentError> Errors) Validate(string directory, DateOnly? today = null)
    {
        var errors = new List<ContentError>();
        var day = today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        if (!Directory.Exists(directory))
        {
            errors.Add(new ContentError(directory, 0, "", "the claim folder does not exist"));
            return (null, errors);
        }
        var files = Directory.EnumerateFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly)
            .Concat(Directory.EnumerateFiles(directory, "*.yml", SearchOption.TopDirectoryOnly))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            errors.Add(new ContentError(directory, 0, "", "the claim folder has no .yaml files"));

        var claims = new List<Claim>();
        var related = new List<(Claim Claim, string Id, int Line)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var display = ContentPath.Display(file);
            var claim = ClaimFileReader.Read(file, display, errors, day, out var id, out var refs);
            if (id is not null)
            {
                if (seen.TryGetValue(id, out var other))
                {
                    errors.Add(new ContentError(display, 1, "id", $"duplicate id '{id}' (also in {other})"));
                    continue;
                }
                seen[id] = display;
            }
            if (claim is null) continue;
            claims.Add(claim);
            related.AddRange(refs.Select(r => (claim, r.Id, r.Line)));
        }
        foreach (var (claim, id, line) in related)
        {
            if (id == claim.Id)
                errors.Add(new ContentError(claim.SourceFile, line, "related", $"'{id}' is the claim itself"));
            else if (!seen.ContainsKey(id))
                errors.Add(new ContentError(claim.SourceFile, line, "related", $"unknown claim id '{id}'"));
        }
        return errors.Count > 0 ? (null, errors) : (new ClaimSet(claims), errors);
    }
}
