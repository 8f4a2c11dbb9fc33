namespace Microneedling.BotFramework.Storage;

/// <summary>
/// Reading every item under a key prefix, which the SDK's <see cref="Microsoft.Bot.Builder.IStorage"/>
/// cannot do (it reads known keys only). Curator tools list and expire the <c>curation/</c> records
/// with it. Implemented by <see cref="SqliteStorage"/>, <see cref="InMemoryStorage"/> and
/// <see cref="RedisStorage"/> (SCAN with MATCH over its keys). Keys over 255 characters are matched and
/// listed as stored (a head and a hash, <see cref="StoredJson.StoredKey"/>).
/// </summary>
public interface IStorageScan
{
    /// <summary>Every item whose key starts with <paramref name="prefix"/>, in ordinal key order, each as read by ReadAsync (with its ETag).</summary>
    Task<IReadOnlyList<KeyValuePair<string, object>>> ScanAsync(string prefix, CancellationToken cancellationToken = default);
}
