using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Microneedling.Bot.Telemetry;

/// <summary>
/// The outermost turn middleware: one span per turn and the turn counters, tagged only with the
/// activity type and channel id. Never the text, user id or conversation id: messages are health
/// questions, and ids would tie them to a person. Both tags come from the caller, so unknown values
/// become <c>other</c> to keep the metric series bounded.
/// </summary>
internal sealed class TurnTelemetryMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>The name of both the meter and the activity source of turns.</summary>
    public const string Name = "Microneedling.Bot";

    public const string TurnActivityName = "bot.turn";
    public const string ActivityTypeTag = "bot.activity.type";
    public const string ChannelTag = "bot.channel.id";
    public const string ErrorTypeTag = "error.type";

    private static readonly Meter Meter = new(Name);
    private static readonly ActivitySource Source = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "bot.turns", "{turn}", "Turns run through the bot, by activity type and channel.");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "bot.turn.errors", "{turn}", "Turns that ended with an exception, by activity type, channel and exception type.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "bot.turn.duration", "ms", "Time to run one turn: middleware, dialogs, fact-check and sending the replies.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });

    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Typing, ActivityTypes.Invoke,
        ActivityTypes.Event, ActivityTypes.MessageReaction, ActivityTypes.InstallationUpdate,
        ActivityTypes.EndOfConversation, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.DeleteUserData,
        ActivityTypes.ContactRelationUpdate, ActivityTypes.Handoff, ActivityTypes.Trace,
    };

    // The channel ids Azure Bot Service assigns (https://learn.microsoft.com/azure/bot-service/bot-service-channels-reference).
    private static readonly HashSet<string> KnownChannels = new(StringComparer.Ordinal)
    {
        "msteams", "webchat", "directline", "directlinespeech", "emulator", "test", "slack", "facebook", "telegram",
        "email", "sms", "line", "kik", "groupme", "skype", "alexa", "omnichannel", "m365extensions", "outlook", "webex",
    };

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        using var span = Source.HasListeners() ? Source.StartActivity(TurnActivityName) : null;
        var type = Bounded(turnContext.Activity.Type, KnownTypes);
        var channel = Bounded(turnContext.Activity.ChannelId, KnownChannels);
        span?.SetTag(ActivityTypeTag, type);
        span?.SetTag(ChannelTag, channel);
        var replies = 0;
        turnContext.OnSendActivities(async (_, activities, nextSend) =>
        {
            Interlocked.Add(ref replies, activities.Count(a => a.Type == ActivityTypes.Message));
            return await nextSend().ConfigureAwait(false);
        });
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
            span?.SetTag("bot.turn.replies", replies);
        }
        catch (Exception ex)
        {
            // The exception's type only: its message may quote what the person wrote.
            var errorType = ex.GetType().FullName ?? ex.GetType().Name;
            span?.SetStatus(ActivityStatusCode.Error);
            span?.SetTag(ErrorTypeTag, errorType);
            if (Errors.Enabled)
                Errors.Add(1, new(ActivityTypeTag, type), new(ChannelTag, channel), new(ErrorTypeTag, errorType));
            throw;
        }
        finally
        {
            if (Turns.Enabled) Turns.Add(1, new(ActivityTypeTag, type), new(ChannelTag, channel));
            if (Duration.Enabled)
                Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new(ActivityTypeTag, type), new(ChannelTag, channel));
        }
    }

    private static string Bounded(string? value, HashSet<string> known) =>
        value is not null && known.Contains(value) ? value : "other";
}
