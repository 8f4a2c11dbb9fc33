using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microneedling.DirectLine.PageToken;
using Microneedling.DirectLine.Redis;
using Microneedling.DirectLine.Streaming;
using Microneedling.DirectLine.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>Registers the built-in Direct Line 3.0 endpoint and the page's token endpoint.</summary>
public static class DirectLineEndpoints
{
    /// <summary>Where the Direct Line REST API and stream live; the page's <c>domain</c> is origin + this.</summary>
    public const string BasePath = "/v3/directline";

    /// <summary>Binds and validates <see cref="DirectLineOptions"/> and registers the Direct Line services.</summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.TokenKey) || o.TokenKey.Length >= 32, "DirectLine:TokenKey must be at least 32 characters.")
            .Validate(o => string.IsNullOrEmpty(o.LocalSecret) || o.LocalSecret.Length >= 16, "DirectLine:LocalSecret must be at least 16 characters.")
            // Stored JSON may escape what the client sent (non-ASCII as \uXXXX), so one activity must leave room.
            .Validate(o => o.MaxActivityBytes <= o.MaxTranscriptBytes / 2, "DirectLine:MaxActivityBytes must be at most half of DirectLine:MaxTranscriptBytes.")
            .ValidateOnStart();
        services.AddDirectLineCors();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineSigningKey>();
        services.AddSingleton<DirectLineTokenService>();
        // Storage:Provider=redis: limits, quotas and wake-ups span instances; otherwise in process.
        if (RedisConnection.IsSelected(configuration))
        {
            services.AddRedisConnection(configuration);
            services.AddSingleton<IDirectLineRateLimiter, RedisRateLimiter>();
            services.AddSingleton<IConversationQuota, RedisConversationQuota>();
            services.AddSingleton<IConversationBus, RedisConversationBus>();
        }
        else
        {
            services.AddSingleton<IDirectLineRateLimiter, DirectLineRateLimiter>();
            services.AddSingleton<IConversationQuota, ConversationQuota>();
            services.AddSingleton<IConversationBus, LocalConversationBus>();
        }
        services.AddSingleton<DirectLineAuthenticator>();
        services.AddSingleton<DirectLineConversationStore>();
        services.AddSingleton<DirectLineAccounts>();
        services.AddSingleton<DirectLineConnector>();
        services.AddSingleton<DirectLineTurnRunner>();
        services.AddHostedService<DirectLineExpirySweeper>();
        // The page waits on this call: fail fast (502 to the page) rather than after HttpClient's 100 s.
        services.AddHttpClient<AzureDirectLineTokenClient>((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DirectLineOptions>>().Value.AzureTimeout);
        return services;
    }

    /// <summary>
    /// Storage failing anywhere (a read of a transcript, the index) answers in the service's shape,
    /// 500 ServiceError (503 while the shared store is unreachable), as clients expect; not ASP.NET's bare 500.
    /// </summary>
    private static RouteGroupBuilder WithServiceErrors(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !context.HttpContext.Response.HasStarted)
            {
                return DirectLineErrors.ServiceError(context.HttpContext, "serve a Direct Line request", ex);
            }
        });

    /// <summary>Maps <c>/v3/directline/*</c> (tokens, conversations, activities, stream) and <c>POST /api/directline/token</c>.</summary>
    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath).RequireCors(DirectLineCors.PolicyName).WithServiceErrors();
        group.MapTokenEndpoints();
        group.MapConversationEndpoints();
        group.MapActivityEndpoints();
        group.MapStreamEndpoint();
        endpoints.MapPageTokenEndpoint();
        return endpoints;
    }
}
