using Microneedling.Tests.Shared;

namespace Microneedling.BotFramework.Tests.Storage;

/// <summary>The tests that share one real redis-server; they run one after another, each on a flushed store.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
