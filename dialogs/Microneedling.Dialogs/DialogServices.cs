using Microneedling.Dialogs.Curation;
using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.Rendering;
using Microneedling.FactCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microneedling.Dialogs;

/// <summary>
/// Registers what the conversations need: options ("Dialogs" section), the renderer, the feedback
/// and unanswered-question stores (on the host's <c>IStorage</c>), the flows and
/// <see cref="MainDialog"/>, the turn handler's entry point. The host registers
/// <see cref="FactChecker"/> and <c>IStorage</c>.
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
        services.TryAddSingleton<IReplyRenderer>(sp => new ReplyRenderer(sp.GetRequiredService<ClaimSet>()));
        services.TryAddSingleton<FeedbackStore>();
        services.TryAddSingleton<UnansweredQuestionLog>();
        services.TryAddSingleton<ClaimReplies>();
        services.TryAddSingleton<QuestionFlow>();
        services.TryAddSingleton<DidYouMeanDialog>();
        services.TryAddSingleton<MainDialog>();
        return services;
    }
}
