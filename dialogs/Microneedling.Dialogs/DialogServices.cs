using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.Rendering;
using Microneedling.Dialogs.Teams;
using Microneedling.FactCheck;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microneedling.Dialogs;

/// <summary>
/// Registers the bot and what it needs: options ("Dialogs" section, validated on start), the
/// renderer, the curator stores (on the host's <see cref="IStorage"/>), the dialogs and
/// <see cref="MicroneedlingBot"/> as the <see cref="IBot"/>. The host registers <see cref="FactChecker"/>,
/// <see cref="IStorage"/> and <see cref="ConversationState"/> (<c>AddBotFramework</c>).
/// </summary>
public static class DialogServices
{
    public static IServiceCollection AddMicroneedlingDialogs(this IServiceCollection services)
    {
        services.AddOptions<DialogOptions>()
            .BindConfiguration(DialogOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DialogOptions>, DialogOptionsValidator>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DialogOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<FactChecker>().Claims);
        services.TryAddSingleton<IReplyRenderer>(sp => new ReplyRenderer(
            sp.GetRequiredService<ClaimSet>(), sp.GetRequiredService<DialogOptions>(), sp.GetRequiredService<PublicClaimPages>()));
        services.TryAddSingleton<FeedbackStore>();
        services.TryAddSingleton<UnansweredQuestionLog>();
        services.TryAddSingleton<DidYouMeanPickLog>();
        services.TryAddSingleton<CurationRetention>();
        services.AddOptions<CurationOptions>().BindConfiguration(CurationOptions.Section)
            .Validate(o => !o.Problems().Any(), "Curation:RetentionDays must be between 1 and 3650 and Curation:PurgeInterval at least 00:01:00.")
            .ValidateOnStart();
        services.TryAddSingleton<SuggestedClaims>();
        services.TryAddSingleton<DidYouMeanDialog>();
        services.TryAddSingleton<MainDialog>();
        services.AddTeamsExtension();
        services.TryAddSingleton<IBot, MicroneedlingBot>();
        return services;
    }

    /// <summary>
    /// A bot of its own over <paramref name="engine"/>: the dialogs, the renderer (with its card cache),
    /// the suggestions and the Teams message extension made from that claim set, the rest (state, curator stores, options, logging)
    /// shared from <paramref name="services"/>. A host that swaps content builds one per content set, so
    /// a turn runs start to end on the set it started with.
    /// </summary>
    public static IBot CreateBot(IServiceProvider services, FactChecker engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var options = services.GetRequiredService<DialogOptions>();
        var renderer = new ReplyRenderer(engine.Claims, options, services.GetRequiredService<PublicClaimPages>());
        var didYouMean = ActivatorUtilities.CreateInstance<DidYouMeanDialog>(services, engine, renderer);
        var suggested = ActivatorUtilities.CreateInstance<SuggestedClaims>(services, engine);
        var dialog = ActivatorUtilities.CreateInstance<MainDialog>(services, engine, renderer, didYouMean, suggested);
        // The Teams search, message action and live cards read the same set: a card refreshed after a
        // content change shows the new verdict, and a search never finds a claim the set no longer has.
        var search = ActivatorUtilities.CreateInstance<ClaimSearch>(services, engine);
        var searchExtension = ActivatorUtilities.CreateInstance<ClaimSearchExtension>(services, search, engine.Claims);
        var messageCheck = ActivatorUtilities.CreateInstance<MessageCheckAction>(services, engine);
        var liveCards = ActivatorUtilities.CreateInstance<LiveClaimCards>(services, engine.Claims);
        return ActivatorUtilities.CreateInstance<MicroneedlingBot>(services, dialog, searchExtension, messageCheck, liveCards);
    }

    /// <summary>
    /// The Teams message extension and live cards: options ("Teams", "PublicPages" sections, validated on
    /// start), the search, the message action and the shared cards' invokes.
    /// </summary>
    private static void AddTeamsExtension(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>()
            .BindConfiguration(TeamsOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
        services.AddOptions<PublicPagesOptions>()
            .BindConfiguration(PublicPagesOptions.Section)
            .Validate(o => PublicClaimPages.Problem(o) is null, "PublicPages:BaseUrl must be an absolute http(s) URL without a query, such as https://factcheck.example.org/.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TeamsOptions>>().Value);
        services.TryAddSingleton<PublicClaimPages>();
        services.TryAddSingleton<AskedClaims>();
        services.TryAddSingleton<ClaimSearch>();
        services.TryAddSingleton<ClaimSearchExtension>();
        services.TryAddSingleton<MessageCheckAction>();
        services.TryAddSingleton<LiveClaimCards>();
    }
}
