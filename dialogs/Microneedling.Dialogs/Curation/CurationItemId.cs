namespace Microneedling.Dialogs.Curation;

/// <summary>
/// How a curator record is named outside the store: its key without <c>curation/</c>, e.g.
/// <c>unanswered/0f3c…</c> (a kind and the 32 hex digits of <see cref="CurationKeys.For"/>). Only a name
/// of that exact shape maps back to a key, so a curator's request can never reach any other item.
/// </summary>
public static class CurationItemId
{
    private const string KeyPrefix = CurationRetention.Prefix;

    private static readonly string[] Kinds = ["unanswered", "picks", "feedback"];

    private const int HashLength = 32;

    /// <summary>The item id of the record stored at <paramref name="key"/>.</summary>
    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? key[KeyPrefix.Length..] : key;
    }

    /// <summary>The store key of <paramref name="id"/>, or null when it is not a curator item id.</summary>
    public static string? KeyOf(string? id)
    {
        if (id is null || id.Length > 16 + HashLength) return null;
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !Kinds.Contains(id[..slash], StringComparer.Ordinal)) return null;
        var hash = id.AsSpan(slash + 1);
        if (hash.Length != HashLength) return null;
        foreach (var c in hash)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return null;
        }
        return KeyPrefix + id;
    }
}
