using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework;

/// <summary>One turn: the incoming activity and the way to answer it, as Bot Builder's ITurnContext.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Per-turn values shared by middleware and handlers (state, identity, timings).</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>The activities sent so far this turn, in order (the expectReplies body).</summary>
    IReadOnlyList<Activity> SentActivities { get; }

    /// <summary>Set by an invoke handler; becomes the HTTP response of the invoke.</summary>
    InvokeResponse? InvokeResponse { get; set; }

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);
}
