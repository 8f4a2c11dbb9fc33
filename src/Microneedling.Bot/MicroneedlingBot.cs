using Microneedling.Bot.Replies;
using Microneedling.BotFramework;
using Microneedling.BotFramework.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.BotFramework.Teams;
using Microneedling.FactCheck;

namespace Microneedling.Bot;

/// <summary>
/// The bot: welcomes people, answers each message with the fact-check engine, and keeps a little
/// conversation state (the last claims answered, for "sources" and follow-ups).
/// </summary>
internal sealed partial class MicroneedlingBot : ActivityHandler
{
    /// <summary>Longer messages are not checked: a question is a sentence or two.</summary>
    public const int MaxQuestionLength = 10_000;

    private readonly FactChecker _engine;
    private readonly BotState _conversationState;
    private readonly ILogger<MicroneedlingBot> _logger;

    public MicroneedlingBot(FactChecker engine, IStorage storage, ILogger<MicroneedlingBot> logger)
    {
        _engine = engine;
        _conversationState = BotState.Conversation(storage);
        _logger = logger;
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = TeamsActivity.RemoveRecipientMention(activity);
        if (text.Length == 0) return;
        if (text.Length > MaxQuestionLength)
        {
            await turnContext.SendActivityAsync(AnswerComposer.TooLongText, cancellationToken);
            return;
        }
        if (IsGreeting(text))
        {
            await turnContext.SendActivityAsync(AnswerComposer.WelcomeText(_engine.Claims), cancellationToken);
            return;
        }

        var result = _engine.Check(text);
        // Only what was decided is logged, never the question: it is health data.
        LogChecked(_logger, activity.ChannelId ?? "-", result.Matches.Count, result.Triage.Level.ToName(), result.Abstained);
        foreach (var reply in AnswerComposer.Compose(activity, result, _engine.Claims))
            await turnContext.SendActivityAsync(reply, cancellationToken);

        var state = await _conversationState.GetAsync(turnContext, cancellationToken);
        state["lastClaims"] = new System.Text.Json.Nodes.JsonArray([.. result.Matches.Select(m => (System.Text.Json.Nodes.JsonNode)m.Claim.Id)]);
        state["turns"] = (int?)state["turns"] + 1 ?? 1;
        await _conversationState.SaveChangesAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(AnswerComposer.WelcomeText(_engine.Claims), cancellationToken);

    private static bool IsGreeting(string text) =>
        text.Trim().TrimEnd('!', '.', '?').ToLowerInvariant() is "hi" or "hello" or "hey" or "help" or "start" or "hi there" or "hello there" or "/start";

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked a message on {ChannelId}: {Matches} claim(s), triage {Triage}, abstained {Abstained}")]
    private static partial void LogChecked(ILogger logger, string channelId, int matches, string triage, bool abstained);
}
