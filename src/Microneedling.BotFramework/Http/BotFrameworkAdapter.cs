using System.Text.Json;
using Microneedling.BotFramework.Auth;
using Microneedling.BotFramework.Connector;
using Microneedling.BotFramework.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Microneedling.BotFramework.Http;

/// <summary>
/// The HTTP side of a turn, as Bot Builder's CloudAdapter: reads and checks the posted Activity,
/// authenticates the channel, runs the middleware and the bot, and answers — the replies in the
/// body for expectReplies, the invoke result for invokes, otherwise 200 after the replies went out
/// through the Connector. Client mistakes get a 4xx problem answer, never a 500.
/// </summary>
public sealed partial class BotFrameworkAdapter
{
    /// <summary>The largest request body accepted (256 KB); larger ones get 413.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// The longest channelId, conversation.id and from.id accepted, in characters; longer ones get 400.
    /// They become state keys (<c>{channelId}/conversations/{id}</c>), which a store limits
    /// (<c>SqliteStorage.MaxKeyLength</c>), and no channel sends ids anywhere near this long.
    /// </summary>
    public const int MaxIdLength = 512;

    private readonly ChannelTokenValidator _validator;
    private readonly ConnectorClient _connector;
    private readonly TrustedServiceUrls _trusted;
    private readonly IReadOnlyList<IMiddleware> _middleware;
    private readonly ILogger<BotFrameworkAdapter> _logger;
    // One gate per conversation with a turn running or waiting; an entry is removed when its last
    // user leaves, so ids chosen by a client cannot grow the dictionary without bound.
    private readonly Dictionary<string, ConversationGate> _conversationLocks = new(StringComparer.Ordinal);
    private readonly Lock _conversationLocksGuard = new();

    public BotFrameworkAdapter(
        ChannelTokenValidator validator,
        ConnectorClient connector,
        TrustedServiceUrls trusted,
        IEnumerable<IMiddleware> middleware,
        ILogger<BotFrameworkAdapter> logger)
    {
        _validator = validator;
        _connector = connector;
        _trusted = trusted;
        _middleware = middleware.ToList();
        _logger = logger;
    }

    public async Task ProcessAsync(HttpContext http, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(bot);
        var (activity, problem) = await ReadActivityAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (activity is null)
        {
            await WriteProblemAsync(http.Response, problem!.Value.Status, problem.Value.Title, problem.Value.Detail, cancellationToken).ConfigureAwait(false);
            return;
        }

        var auth = await _validator.ValidateAsync(http.Request.Headers.Authorization.ToString(), activity.ChannelId, activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            LogRejected(_logger, activity.ChannelId ?? "-", auth.Failure ?? "unknown");
            await WriteProblemAsync(http.Response, StatusCodes.Status401Unauthorized, "Unauthorized", auth.Failure, cancellationToken).ConfigureAwait(false);
            return;
        }
        // A validated channel token vouches for the serviceUrl it names: replies may carry our token there.
        if (auth.Identity?.IsAuthenticated == true && activity.ServiceUrl is { } vouched) _trusted.Vouch(vouched);

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        var context = new TurnContext(activity, expectReplies ? null : _connector.SendAsync);
        context.TurnState["identity"] = auth.Identity!;

        // Turns of one conversation run one at a time in this process, so two messages sent at once
        // read and write the conversation state in turn instead of racing (ETags catch other processes).
        var key = ConversationKey(activity);
        var gate = EnterGate(key);
        try
        {
            await gate.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await RunPipelineAsync(context, bot, 0, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                LogConnectorFailed(_logger, ex.Message);
                await WriteProblemAsync(http.Response, StatusCodes.Status502BadGateway, "Could not deliver the reply", ex.Message, cancellationToken).ConfigureAwait(false);
                return;
            }
            finally
            {
                gate.Turn.Release();
            }
        }
        finally
        {
            LeaveGate(key, gate);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = context.InvokeResponse ?? new InvokeResponse(501, null);
            http.Response.StatusCode = invoke.Status;
            if (invoke.Body is not null)
                await http.Response.WriteAsJsonAsync(invoke.Body, BotJson.Options, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (expectReplies)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            await http.Response.WriteAsJsonAsync(new { activities = context.SentActivities }, BotJson.Options, cancellationToken).ConfigureAwait(false);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>Runs a turn that did not come over HTTP (Direct Line, tests) through the same middleware and bot.</summary>
    public Task RunTurnAsync(ITurnContext context, IBot bot, CancellationToken cancellationToken) =>
        RunPipelineAsync(context, bot, 0, cancellationToken);

    private Task RunPipelineAsync(ITurnContext context, IBot bot, int index, CancellationToken cancellationToken) =>
        index < _middleware.Count
            ? _middleware[index].OnTurnAsync(context, ct => RunPipelineAsync(context, bot, index + 1, ct), cancellationToken)
            : bot.OnTurnAsync(context, cancellationToken);

    /// <summary>How many conversations have a turn running or waiting in this process (for tests).</summary>
    internal int ConversationLockCount
    {
        get
        {
            lock (_conversationLocksGuard) return _conversationLocks.Count;
        }
    }

    private static string ConversationKey(Activity activity) => $"{activity.ChannelId}/{activity.Conversation?.Id}";

    /// <summary>The conversation's gate, created if needed, counted as used until <see cref="LeaveGate"/>.</summary>
    private ConversationGate EnterGate(string key)
    {
        lock (_conversationLocksGuard)
        {
            if (!_conversationLocks.TryGetValue(key, out var gate))
            {
                gate = new ConversationGate();
                _conversationLocks.Add(key, gate);
            }
            gate.Users++;
            return gate;
        }
    }

    /// <summary>Stops using the gate; the last user (no turn running or waiting) removes it.</summary>
    private void LeaveGate(string key, ConversationGate gate)
    {
        lock (_conversationLocksGuard)
        {
            if (--gate.Users > 0) return;
            _conversationLocks.Remove(key);
        }
        gate.Turn.Dispose();
    }

    private static async Task<(Activity? Activity, (int Status, string Title, string Detail)? Problem)> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return (null, (StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The limit is {MaxBodyBytes / 1024} KB."));
        if (request.ContentType is not { } contentType || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the Activity as application/json."));

        // Read at most the limit plus one byte: a chunked body without Content-Length cannot exceed it either.
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
                return (null, (StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The limit is {MaxBodyBytes / 1024} KB."));
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), BotJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, (StatusCodes.Status400BadRequest, "Malformed JSON", ex.LineNumber is { } line ? $"The body is not a valid Activity (line {line + 1})." : "The body is not a valid Activity."));
        }
        if (activity is null) return (null, (StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not an Activity object."));
        if (string.IsNullOrWhiteSpace(activity.Type)) return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", "The activity has no type."));
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", "The activity has no conversation id."));
        if (string.IsNullOrWhiteSpace(activity.ChannelId)) return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", "The activity has no channelId."));
        if (activity.ChannelId.Length > MaxIdLength)
            return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", $"The channelId is longer than {MaxIdLength} characters."));
        if (activity.Conversation.Id.Length > MaxIdLength)
            return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", $"The conversation id is longer than {MaxIdLength} characters."));
        if (activity.From?.Id is { Length: > MaxIdLength })
            return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", $"The from.id is longer than {MaxIdLength} characters."));
        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        if (!expectReplies && activity.Type != ActivityTypes.Invoke && !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _))
            return (null, (StatusCodes.Status400BadRequest, "Invalid Activity", "The activity has no valid serviceUrl to reply to."));
        return (activity, null);
    }

    private static async Task WriteProblemAsync(HttpResponse response, int status, string title, string? detail, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        await response.WriteAsJsonAsync(new { type = "about:blank", title, status, detail }, (JsonSerializerOptions?)null, "application/problem+json", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A conversation's turn lock and how many requests hold it or wait for it (guarded by the dictionary's lock).</summary>
    private sealed class ConversationGate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an activity from channel {ChannelId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a reply: {Reason}")]
    private static partial void LogConnectorFailed(ILogger logger, string reason);
}
