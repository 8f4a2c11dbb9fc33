using System.Globalization;
using Microneedling.BotFramework.Schema;

namespace Microneedling.BotFramework;

/// <summary>
/// The turn context the adapter creates for each incoming activity. Outgoing activities get their
/// routing from the incoming one; they are recorded (for expectReplies and tests) and, in normal
/// delivery, handed to the adapter's sender (the Connector client).
/// </summary>
public sealed class TurnContext : ITurnContext
{
    private readonly Func<Activity, CancellationToken, Task<ResourceResponse>>? _send;
    private readonly List<Activity> _sent = [];
    private int _nextLocalId;

    /// <param name="activity">The incoming activity.</param>
    /// <param name="send">Delivers one outgoing activity; null to only collect them (expectReplies).</param>
    public TurnContext(Activity activity, Func<Activity, CancellationToken, Task<ResourceResponse>>? send)
    {
        Activity = activity;
        _send = send;
    }

    public Activity Activity { get; }

    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public IReadOnlyList<Activity> SentActivities => _sent;

    public InvokeResponse? InvokeResponse { get; set; }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateReply(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ApplyRouting(activity);
        lock (_sent) _sent.Add(activity);
        if (_send is null)
        {
            activity.Id ??= "reply-" + Interlocked.Increment(ref _nextLocalId).ToString(CultureInfo.InvariantCulture);
            return new ResourceResponse(activity.Id);
        }
        return await _send(activity, cancellationToken).ConfigureAwait(false);
    }

    private void ApplyRouting(Activity reply)
    {
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId ??= Activity.ChannelId;
        reply.ServiceUrl ??= Activity.ServiceUrl;
        reply.Conversation ??= Activity.Conversation;
        reply.From ??= Activity.Recipient;
        reply.Recipient ??= Activity.From;
        reply.Locale ??= Activity.Locale;
        reply.ReplyToId ??= Activity.Id;
        reply.Timestamp ??= DateTimeOffset.UtcNow;
    }
}
