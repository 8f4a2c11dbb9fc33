using Microneedling.Tests.Shared;

namespace Microneedling.DirectLine.Tests.Redis;

/// <summary>The tests whose hosts share one real redis-server; they run one after another, each on a flushed store.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
