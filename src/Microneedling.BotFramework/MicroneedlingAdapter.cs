using System.Runtime.ExceptionServices;
using System.Security.Claims;
using Microneedling.BotFramework.Connector;
using Microneedling.BotFramework.Http;
using Microneedling.BotFramework.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Microneedling.BotFramework;

/// <summary>
/// The one adapter every turn runs through, the SDK's <see cref="CloudAdapter"/> with our protocol
/// edge in front (as the core-bot sample's AdapterWithErrorHandler): <see cref="ProcessMessagesAsync"/>
/// reads and checks the posted Activity, authenticates it with the SDK
/// (<see cref="ConfigurationBotFrameworkAuthentication"/>), refuses an untrusted serviceUrl before
/// the turn, takes the conversation's turn lock, answers a re-delivery from <see cref="RecentTurns"/>,
/// and maps Connector failures to 502. <see cref="RunChannelTurnAsync"/> runs a turn of an in-process
/// channel (the built-in Direct Line) through the same lock, middleware, error handler and bot, with
/// that channel's own connector. <see cref="BotAdapter.OnTurnError"/> answers the user and logs the
/// failure (its type only: messages are health questions).
/// </summary>
public sealed partial class MicroneedlingAdapter : CloudAdapter
{
    /// <summary>What the user is told when the bot failed during a turn.</summary>
    public const string Apology = "Sorry, something went wrong on my side. Please try again, or ask your question another way.";

    /// <summary>The log category of the SDK's own adapter and authentication messages.</summary>
    public const string SdkLogCategory = "Microsoft.Bot.Builder";

    private static readonly JsonSerializerSettings ReplyJson = new() { NullValueHandling = NullValueHandling.Ignore, MaxDepth = 64 };

    private readonly TrustedServiceUrls _trusted;
    private readonly IConversationTurnLock _turns;
    private readonly IRecentTurns _recent;
    private readonly MessagesOptions _options;
    private readonly string _appId;
    private readonly ILogger<MicroneedlingAdapter> _logger;

    public MicroneedlingAdapter(
        BotFrameworkAuthentication authentication,
        TrustedServiceUrls trusted,
        IConversationTurnLock turns,
        IRecentTurns recent,
        IOptions<MessagesOptions> options,
        IConfiguration configuration,
        IEnumerable<Microsoft.Bot.Builder.IMiddleware> middleware,
        ILoggerFactory loggers,
        ILogger<MicroneedlingAdapter> logger)
        // The SDK logs every send at Information with activity ids (which hold conversation ids):
        // under its own category, which appsettings keeps at Warning.
        : base(authentication, loggers?.CreateLogger(SdkLogCategory))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(middleware);
        _trusted = trusted;
        _turns = turns;
        _recent = recent;
        _options = options.Value;
        _appId = configuration["MicrosoftAppId"] ?? "";
        _logger = logger;
        foreach (var m in middleware) Use(m);
        OnTurnError = AnswerFailedTurnAsync;
    }

    /// <summary>The turn lock all transports share (for tests: how many conversations hold it).</summary>
    public IConversationTurnLock Turns => _turns;

    /// <summary><c>POST /api/messages</c>: one activity from a channel, answered as the Bot Framework protocol says.</summary>
    public async Task<IResult> ProcessMessagesAsync(HttpContext http, IBot bot)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(bot);
        var cancellationToken = http.RequestAborted;
        var (activity, problem) = await ActivityReader.ReadAsync(http.Request, _options, cancellationToken).ConfigureAwait(false);
        if (activity is null) return Problem(problem!);

        AuthenticateRequestResult auth;
        try
        {
            auth = await BotFrameworkAuthentication.AuthenticateRequestAsync(activity, http.Request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // UnauthorizedAccessException for a bad token; anything else (metadata unreachable, a token
            // the library cannot parse) is no proof of identity either.
            LogRejected(_logger, Bounded(activity.ChannelId), ex.GetType().Name);
            return Problem(new EdgeProblem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request's channel token is missing or not valid."));
        }

        // Replies of a normal turn go to serviceUrl: refused here, before any state or record is written.
        var identity = auth.ClaimsIdentity;
        if (ServiceUrlVouchedBy(identity, activity.ServiceUrl)) _trusted.Vouch(activity.ServiceUrl);
        if (!ActivityReader.ExpectsReplies(activity) && !_trusted.IsTrusted(activity.ServiceUrl))
        {
            LogUntrusted(_logger, Bounded(activity.ChannelId));
            return Problem(new EdgeProblem(StatusCodes.Status403Forbidden, "Untrusted serviceUrl", "This bot does not send replies to that serviceUrl."));
        }

        try
        {
            return await RunTurnAsync(http, bot, activity, auth, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Storage.RedisConnection.IsOutage(ex))
        {
            // The shared store is down: nothing of this turn was acknowledged, so the channel may retry.
            LogStoreUnavailable(_logger, Bounded(activity.ChannelId));
            http.Response.Headers.RetryAfter = "5";
            return Problem(new EdgeProblem(StatusCodes.Status503ServiceUnavailable, "State store unavailable", "The conversation state could not be read or written; retry later."));
        }
    }

    private async Task<IResult> RunTurnAsync(HttpContext http, IBot bot, Activity activity, AuthenticateRequestResult auth, CancellationToken cancellationToken)
    {
        using var lease = await _turns.TryEnterAsync(TurnKey(activity), _options.TurnLockTimeout, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problem(new EdgeProblem(StatusCodes.Status429TooManyRequests, "Conversation busy", "An earlier activity of this conversation is still being answered; retry later."));
        }
        if (await _recent.FindAsync(activity, cancellationToken).ConfigureAwait(false) is { } earlier) return Answer(earlier);

        var record = new TurnRecord();
        InvokeResponse? result;
        try
        {
            result = await ProcessActivityAsync(auth, activity, Callback(bot, record), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDeliveryFailure(ex, cancellationToken))
        {
            LogDeliveryFailed(_logger, Bounded(activity.ChannelId), ex.GetType().Name);
            return Problem(new EdgeProblem(StatusCodes.Status502BadGateway, "Could not deliver the reply", "The channel's Connector could not be reached or refused the reply."));
        }
        // An invoke is answered with its invoke response even when it asked for expectReplies (the SDK
        // would send the buffered replies instead): the channel waits for the handler's status and body.
        if (activity.Type == ActivityTypes.Invoke && ActivityReader.ExpectsReplies(activity))
            result = record.InvokeResponse ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented };
        var answer = new TurnAnswer(result?.Status ?? StatusCodes.Status200OK, result?.Body is { } body ? JsonConvert.SerializeObject(body, ReplyJson) : null);
        if (!record.Failed) await _recent.RememberAsync(activity, answer, cancellationToken).ConfigureAwait(false);
        return Answer(answer);
    }

    /// <summary>
    /// Runs one turn of an in-process channel through the same lock, pipeline and bot. Waits at most
    /// <paramref name="lockTimeout"/> for the conversation's turn (<see cref="ChannelTurnOutcome.Busy"/>),
    /// then runs <paramref name="beforeTurn"/> under the lock (the channel's echo of the activity, which
    /// says whether to run the turn: not when the conversation is gone, nor when the activity is a retry
    /// of one that already ran — <see cref="ChannelTurnOutcome.Completed"/> without running it again),
    /// then the turn, whose replies go through
    /// <paramref name="connector"/>. The caller waits at most <paramref name="wait"/>: a turn that takes
    /// longer keeps running (and its lock) until it ends or <paramref name="stopping"/> cancels it.
    /// </summary>
    public async Task<ChannelTurnOutcome> RunChannelTurnAsync(
        Activity activity,
        ConnectorFactory connector,
        IBot bot,
        Func<CancellationToken, Task<ChannelTurnStart>> beforeTurn,
        TimeSpan lockTimeout,
        TimeSpan wait,
        CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(beforeTurn);
        IDisposable? lease;
        try
        {
            lease = await _turns.TryEnterAsync(TurnKey(activity), lockTimeout, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ChannelTurnOutcome.Busy;
        }
        catch (Exception ex) when (Storage.RedisConnection.IsOutage(ex))
        {
            return ChannelTurnOutcome.Unavailable;
        }
        if (lease is null) return ChannelTurnOutcome.Busy;

        Task<ChannelTurnOutcome> turn;
        try
        {
            ChannelTurnStart start;
            try
            {
                start = await beforeTurn(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (Storage.RedisConnection.IsOutage(ex))
            {
                lease.Dispose();
                return ChannelTurnOutcome.Unavailable;
            }
            if (start != ChannelTurnStart.Run)
            {
                lease.Dispose();
                return start == ChannelTurnStart.AlreadyRan ? ChannelTurnOutcome.Completed : ChannelTurnOutcome.Gone;
            }
            var auth = new AuthenticateRequestResult
            {
                ClaimsIdentity = CreateClaimsIdentity(_appId),
                ConnectorFactory = connector,
                Audience = BotFrameworkAuthentication.GetOriginatingAudience(),
            };
            turn = RunLockedAsync(auth, activity, bot, lease, stopping);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        try
        {
            return await turn.WaitAsync(wait, stopping).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogTimedOut(_logger, Bounded(activity.Type));
            return ChannelTurnOutcome.TimedOut;
        }
        catch (OperationCanceledException)
        {
            return ChannelTurnOutcome.TimedOut;
        }
    }

    /// <summary>The key of the conversation's turn lock (the conversation state's key).</summary>
    public static string TurnKey(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}";
    }

    private async Task<ChannelTurnOutcome> RunLockedAsync(AuthenticateRequestResult auth, Activity activity, IBot bot, IDisposable lease, CancellationToken stopping)
    {
        using (lease)
        {
            var record = new TurnRecord();
            try
            {
                await ProcessActivityAsync(auth, activity, Callback(bot, record), stopping).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A delivery failure of an in-process channel is that channel's storage failing: the turn failed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogChannelTurnFailed(_logger, Bounded(activity.Type), ex.GetType().Name);
                return Storage.RedisConnection.IsOutage(ex) ? ChannelTurnOutcome.Unavailable : ChannelTurnOutcome.Failed;
            }
            return record.Failed ? ChannelTurnOutcome.Failed : ChannelTurnOutcome.Completed;
        }
    }

    /// <summary>The bot's turn, with a per-turn record of its invoke response and of whether it failed.</summary>
    private static BotCallbackHandler Callback(IBot bot, TurnRecord record) => (turnContext, cancellationToken) =>
    {
        turnContext.TurnState.Add(record);
        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            if (activities.LastOrDefault(a => a.Type == ActivityTypesEx.InvokeResponse)?.Value is InvokeResponse invoke) record.InvokeResponse = invoke;
            return await next().ConfigureAwait(false);
        });
        return bot.OnTurnAsync(turnContext, cancellationToken);
    };

    private async Task AnswerFailedTurnAsync(ITurnContext turnContext, Exception exception)
    {
        // A reply that could not be delivered cannot be followed by an apology through the same
        // Connector: the transport answers (502) instead.
        if (IsDeliveryFailure(exception, CancellationToken.None)) ExceptionDispatchInfo.Throw(exception);
        // Nor can a turn whose state store is down be apologised for: the transport answers 503.
        if (Storage.RedisConnection.IsOutage(exception)) ExceptionDispatchInfo.Throw(exception);
        LogTurnFailed(_logger, Bounded(turnContext.Activity.Type), Bounded(turnContext.Activity.ChannelId), exception.GetType().FullName ?? "-");
        if (turnContext.TurnState.Get<TurnRecord>() is { } record) record.Failed = true;
        await turnContext.SendActivityAsync(MessageFactory.Text(Apology, inputHint: InputHints.AcceptingInput), CancellationToken.None).ConfigureAwait(false);
    }

    private static bool IsDeliveryFailure(Exception exception, CancellationToken requestAborted) =>
        exception is HttpRequestException or Microsoft.Rest.RestException or Polly.Timeout.TimeoutRejectedException
        || (exception is TaskCanceledException && !requestAborted.IsCancellationRequested);

    private static bool ServiceUrlVouchedBy(ClaimsIdentity identity, string? serviceUrl) =>
        identity?.IsAuthenticated == true && serviceUrl is { Length: > 0 }
        && identity.FindFirst(AuthenticationConstants.ServiceUrlClaim)?.Value is { } claim
        && string.Equals(claim.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static IResult Answer(TurnAnswer answer) =>
        answer.Json is null ? Results.StatusCode(answer.Status) : Results.Content(answer.Json, "application/json", statusCode: answer.Status);

    private static IResult Problem(EdgeProblem problem) =>
        Results.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);

    // Log values come from the client: cut to a safe length (an id may be 512 characters of anything).
    private static string Bounded(string? value) => value is null ? "-" : value.Length <= 32 ? value : value[..32];

    /// <summary>What a turn left for its transport: the invoke response it sent, and whether it failed (the user was told so).</summary>
    private sealed class TurnRecord
    {
        public InvokeResponse? InvokeResponse { get; set; }

        public bool Failed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an activity from channel {ChannelId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an activity from channel {ChannelId}: its serviceUrl is not trusted")]
    private static partial void LogUntrusted(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a reply on channel {ChannelId}: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to an activity from channel {ChannelId}: the state store is unreachable")]
    private static partial void LogStoreUnavailable(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Type} turn on channel {ChannelId} failed: {Error}")]
    private static partial void LogTurnFailed(ILogger logger, string type, string channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An in-process channel's {Type} turn did not finish in time")]
    private static partial void LogTimedOut(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "An in-process channel's {Type} turn failed: {Error}")]
    private static partial void LogChannelTurnFailed(ILogger logger, string type, string error);
}

/// <summary>What an in-process channel's step before the turn decided (under the conversation's lock).</summary>
public enum ChannelTurnStart
{
    /// <summary>The activity is kept: run the turn.</summary>
    Run,

    /// <summary>The conversation is gone: no turn.</summary>
    Gone,

    /// <summary>A retry of an activity that was already kept and answered: no second turn.</summary>
    AlreadyRan,
}

/// <summary>How a turn of an in-process channel went; Direct Line answers 429, 404, 502 BotError, 502 BotTimeout or 503 for the others.</summary>
public enum ChannelTurnOutcome
{
    Completed,
    Busy,
    Gone,
    Failed,
    TimedOut,

    /// <summary>The shared state store could not be reached; nothing of the turn was kept.</summary>
    Unavailable,
}
