using Microneedling.BotFramework.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Microneedling.Bot;

/// <summary>
/// The keys that protect the curators' sign-in cookie and the antiforgery tokens of their forms. On
/// Redis every instance reads one key ring there, so a curator signed in on one instance stays signed
/// in whichever instance the balancer picks; on one machine ASP.NET Core's default (a folder in the
/// user's profile) is kept. The application name is fixed, not the default content-root path, so
/// instances deployed to different folders still read each other's cookies.
/// </summary>
internal static class SharedDataProtection
{
    /// <summary>The Redis key of the key ring (a list of XML elements, as the package stores it).</summary>
    public const string RedisKey = RedisConnection.KeyPrefix + "dataprotection:keys";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration config)
    {
        services.AddDataProtection().SetApplicationName("microneedling-bot");
        if (RedisConnection.IsSelected(config))
        {
            services.AddRedisConnection(config);
            // The one connection of the process, opened when the key ring is first needed.
            services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey));
        }
        return services;
    }
}
