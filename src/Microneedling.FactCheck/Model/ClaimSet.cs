namespace Microneedling.FactCheck;

/// <summary>The loaded, validated claims, in id order, with lookup by id.</summary>
public sealed class ClaimSet
{
    private readonly Dictionary<string, Claim> _byId;

    public ClaimSet(IEnumerable<Claim> claims)
    {
        All = claims.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        _byId = All.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Claim> All { get; }

    public int Count => All.Count;

    public Claim? Find(string id) => _byId.GetValueOrDefault(id);
}
