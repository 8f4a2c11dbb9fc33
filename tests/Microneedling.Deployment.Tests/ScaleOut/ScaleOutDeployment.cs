using System.Globalization;
using Microneedling.Tests.Shared;

namespace Microneedling.Deployment.Tests.ScaleOut;

/// <summary>
/// docker-compose.yml without Docker: one real redis-server, three bot processes configured as the
/// compose file configures them (Storage:Provider=redis, one shared DirectLine:TokenKey, client
/// addresses from nginx's X-Forwarded-For) and nginx with docker/nginx.conf in front.
/// </summary>
internal sealed class ScaleOutDeployment : IAsyncDisposable
{
    private const string TokenKey = "scale-out-test-token-key-shared-by-all-instances-0123456789";

    private ScaleOutDeployment(RedisServer redis, IReadOnlyList<BotProcess> bots, NginxBalancer nginx)
    {
        Redis = redis;
        Bots = bots;
        Nginx = nginx;
    }

    public RedisServer Redis { get; }

    public IReadOnlyList<BotProcess> Bots { get; }

    public NginxBalancer Nginx { get; }

    public static async Task<ScaleOutDeployment> StartAsync(int instances, HttpClient http)
    {
        var redis = new RedisServer();
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "redis",
            ["ConnectionStrings__Redis"] = redis.ConnectionString + ",abortConnect=false",
            ["DirectLine__TokenKey"] = TokenKey,
            ["ForwardedHeaders__TrustForwardedFor"] = "true",
            ["MicrosoftAppId"] = "",
            // Start-up and warnings only: the test reads failures from the output.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var bots = Enumerable.Range(1, instances).Select(i => new BotProcess("bot" + i.ToString(CultureInfo.InvariantCulture), settings)).ToList();
        try
        {
            // Three hosts load the sentence model at once on a small machine: give them time.
            await Task.WhenAll(bots.Select(b => b.WaitUntilReadyAsync(http, TimeSpan.FromMinutes(3))));
            return new ScaleOutDeployment(redis, bots, new NginxBalancer(bots.Select(b => b.Port).ToList()));
        }
        catch
        {
            foreach (var bot in bots) bot.Dispose();
            redis.Dispose();
            throw;
        }
    }

    /// <summary>Which instance an nginx upstream address ("127.0.0.1:PORT") is.</summary>
    public string InstanceAt(string upstream) =>
        Bots.SingleOrDefault(b => upstream == "127.0.0.1:" + b.Port.ToString(CultureInfo.InvariantCulture))?.Name ?? upstream;

    public ValueTask DisposeAsync()
    {
        Nginx.Dispose();
        foreach (var bot in Bots) bot.Dispose();
        Redis.Dispose();
        return ValueTask.CompletedTask;
    }
}
