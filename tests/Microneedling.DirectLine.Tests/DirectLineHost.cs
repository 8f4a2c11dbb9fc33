using Microsoft.Bot.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.DirectLine.Tests;

/// <summary>
/// The bot host in memory with in-memory storage, the <see cref="EchoBot"/> instead of the real bot
/// and a <see cref="ManualClock"/>. Subclasses change Direct Line settings for one kind of test.
/// </summary>
public class DirectLineHost : WebApplicationFactory<Program>
{
    public const string LocalSecret = "local-secret-for-tests-0123456789";

    public ManualClock Clock { get; } = new();

    public EchoBot Bot { get; } = new();

    /// <summary>Settings on top of the defaults below (key: configuration path).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("DirectLine:LocalSecret", LocalSecret);
        builder.UseSetting("DirectLine:RateLimitBurst", "1000");
        // Every test client has the same (no) address: shared hosts start far more than one client's quota.
        builder.UseSetting("DirectLine:MaxConversationsPerClient", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IBot>(Bot);
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public DirectLineClient NewClient() => new(CreateClient(), Server);
}
