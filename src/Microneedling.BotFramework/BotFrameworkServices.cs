using Microneedling.BotFramework.Connector;
using Microneedling.BotFramework.Storage;
using Microneedling.BotFramework.Turns;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microneedling.BotFramework;

/// <summary>
/// Registers the SDK behind our seam: <see cref="ConfigurationBotFrameworkAuthentication"/> (reads
/// MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId and the SDK's cloud
/// keys), the Connector HttpClient (allow-list, bounded retries honouring Retry-After, lenient success
/// bodies), <see cref="MicroneedlingAdapter"/>, the turn lock, re-delivery memory, and
/// <see cref="ConversationState"/> / <see cref="UserState"/> over the host's <see cref="IStorage"/>.
/// </summary>
public static class BotFrameworkServices
{
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MessagesOptions>()
            .Bind(configuration.GetSection(MessagesOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var authEnabled = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        services.AddSingleton(new TrustedServiceUrls(configuration.GetSection("Connector:TrustedServiceUrls").Get<string[]>() ?? [], authEnabled));
        services.AddTransient<ServiceUrlAllowListHandler>();
        services.AddTransient<LenientConnectorResponseHandler>();
        var connector = services.AddHttpClient(ConnectorHttpClients.ClientName, client =>
            {
                // A Connector answers a few bytes; a peer that streams more is not waited for or kept.
                client.MaxResponseContentBufferSize = 1024 * 1024;
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            // No redirects: a trusted host must not be able to send the bot (and its token) elsewhere,
            // past the allow-list, which sees only the first URL.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<ServiceUrlAllowListHandler>();
        connector.AddResilienceHandler("connector", (pipeline, context) =>
            {
                var limits = context.ServiceProvider.GetRequiredService<IOptions<MessagesOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, limits.ConnectorRetries),
                    ShouldHandle = args => limits.ConnectorRetries > 0 && args.Outcome.Exception is not UntrustedServiceUrlException
                        ? HttpClientResiliencePredicates.IsTransient(args.Outcome) ? PredicateResult.True() : PredicateResult.False()
                        : PredicateResult.False(),
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    MaxDelay = limits.ConnectorMaxRetryDelay,
                });
                pipeline.AddTimeout(limits.ConnectorAttemptTimeout);
            });
        connector.AddHttpMessageHandler<LenientConnectorResponseHandler>();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new SharedBotClients(new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: new ConnectorHttpClients(sp.GetRequiredService<IHttpClientFactory>()),
            logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger(MicroneedlingAdapter.SdkLogCategory))));
        // Storage:Provider=redis: the lock and the re-delivery memory span instances; otherwise in process.
        if (RedisConnection.IsSelected(configuration))
        {
            services.AddRedisConnection(configuration);
            services.AddSingleton<IConversationTurnLock, RedisTurnLock>();
            services.AddSingleton<IRecentTurns, RedisRecentTurns>();
        }
        else
        {
            services.AddSingleton<IConversationTurnLock, ConversationTurnLock>();
            services.AddSingleton<IRecentTurns, RecentTurns>();
        }
        services.AddSingleton<MicroneedlingAdapter>();
        services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));
        return services;
    }
}
