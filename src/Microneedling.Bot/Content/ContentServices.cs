using Microneedling.FactCheck;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microneedling.Bot.Content;

/// <summary>
/// The served content set and its hot reload: <see cref="FactCheckContent"/> (loaded and validated
/// once at start-up; a broken set stops start-up), <see cref="FactChecker"/> resolved as the current
/// engine, <see cref="ContentBot"/> as the <see cref="IBot"/>, and the <see cref="ContentWatcher"/>
/// ("Content" section: Watch, SettleTime).
/// </summary>
internal static class ContentServices
{
    public static IServiceCollection AddFactCheckContent(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddOptions<ContentReloadOptions>().BindConfiguration(ContentReloadOptions.Section)
            .Validate(o => !o.Problems().Any(), "Content:SettleTime must be between 00:00:00 and 00:05:00.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var content = new FactCheckContent(sp, FactCheckEngine.ContentDirectory(config));
            var engine = FactCheckEngine.Load(config, environment, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Microneedling.Bot.FactCheckEngine"));
            content.Serve(engine, ContentVersion.Of(content.Directory));
            return content;
        });
        // Transient: whoever asks gets the set served now (a request's handlers ask once).
        services.AddTransient(sp => sp.GetRequiredService<FactCheckContent>().Current.Engine);
        services.Replace(ServiceDescriptor.Singleton<IBot, ContentBot>());
        services.AddSingleton<ContentWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentWatcher>());
        return services;
    }
}
