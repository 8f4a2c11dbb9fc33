using Microneedling.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.DirectLine.Tests.Redis;

/// <summary>
/// One bot instance on the shared Redis (Storage:Provider=redis, ConnectionStrings:Redis), with the
/// real clock: several of these are the instances behind a round-robin balancer. Every instance has
/// the same DirectLine:TokenKey, as deployments must. <paramref name="bot"/> (built from the host's services) replaces the real bot.
/// </summary>
public sealed class RedisBotHost(RedisServer redis, Func<IServiceProvider, IBot>? bot = null, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string TokenKey = "token-key-shared-by-every-instance-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "redis");
        builder.UseSetting("ConnectionStrings:Redis", redis.ConnectionString);
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("DirectLine:LocalSecret", DirectLineHost.LocalSecret);
        builder.UseSetting("DirectLine:TokenKey", TokenKey);
        builder.UseSetting("DirectLine:RateLimitBurst", "1000");
        builder.UseSetting("DirectLine:MaxConversationsPerClient", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        if (bot is not null) builder.ConfigureTestServices(services => services.AddSingleton(bot));
    }

    public DirectLineClient NewClient() => new(CreateClient(), Server);
}
