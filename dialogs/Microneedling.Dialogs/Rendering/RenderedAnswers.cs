using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// Answer replies rendered once and replayed. An answer card depends on the question only through
/// the numbers in it (the quantity notes); without notes it is the same for every question on a
/// channel kind and language, and building it (card, Markdown, speech, JSON) is most of a turn's
/// rendering. A replay is a new activity whose card and entity are deep copies of a template kept
/// here: changing one reply never changes another.
/// </summary>
internal sealed class RenderedAnswers
{
    /// <summary>
    /// Most answers kept. Keys include the incoming locale, which a client chooses, so the cache is
    /// emptied when it fills rather than allowed to grow: the worst case is rendering every time.
    /// </summary>
    public const int Capacity = 4096;

    /// <summary>Longest locale cached (BCP-47 tags are short); answers in longer ones are rendered each time.</summary>
    private const int MaxLocaleLength = 35;

    private readonly ConcurrentDictionary<Key, Template> _answers = new();

    /// <summary>What an answer's rendering depends on when the question gave no numbers.</summary>
    public readonly record struct Key(string ClaimId, ChannelCapabilities Channel, bool IsTeams, string? Locale, string RelatedIds);

    /// <summary>How many answers are kept (for tests).</summary>
    public int Count => _answers.Count;

    /// <summary>The cache key of a reply to <paramref name="incoming"/>, or null when such a reply is not kept.</summary>
    public static Key? KeyFor(Activity incoming, ChannelCapabilities channel, string claimId, IEnumerable<string> relatedIds)
    {
        if (!channel.RendersCards || incoming.Locale is { Length: > MaxLocaleLength }) return null;
        return new Key(claimId, channel, incoming.ChannelId == "msteams", incoming.Locale, string.Join('\n', relatedIds));
    }

    /// <summary>The answer for <paramref name="key"/> addressed to <paramref name="incoming"/>, rendering it with <paramref name="render"/> the first time.</summary>
    public Activity GetOrRender(Key key, Activity incoming, Func<Activity> render)
    {
        if (_answers.TryGetValue(key, out var template)) return template.ReplyTo(incoming);
        var reply = render();
        if (Template.From(reply) is { } made)
        {
            if (_answers.Count >= Capacity) _answers.Clear();
            _answers.TryAdd(key, made);
        }
        return reply;
    }

    /// <summary>The parts of a rendered answer that are not addressing, kept as copies nobody else holds.</summary>
    private sealed record Template(string? Text, string? TextFormat, string? Speak, string? InputHint, string ContentType, JObject Card, Entity[] Entities)
    {
        /// <summary>A template of an answer with one card and nothing else mutable, else null.</summary>
        public static Template? From(Activity reply)
        {
            if (reply.Attachments is not [{ ContentType: { } contentType, Content: JObject card, ContentUrl: null }]
                || reply.SuggestedActions is not null || reply.Value is not null || reply.ChannelData is not null)
                return null;
            return new Template(
                reply.Text, reply.TextFormat, reply.Speak, reply.InputHint, contentType,
                (JObject)card.DeepClone(),
                [.. (reply.Entities ?? []).Select(Copy)]);
        }

        public Activity ReplyTo(Activity incoming)
        {
            var reply = ReplyAddress.To(incoming);
            reply.Text = Text;
            reply.TextFormat = TextFormat;
            reply.Speak = Speak;
            reply.InputHint = InputHint;
            reply.Attachments = [new Attachment { ContentType = ContentType, Content = Card.DeepClone() }];
            reply.Entities = Entities.Length == 0 ? null : [.. Entities.Select(Copy)];
            return reply;
        }

        private static Entity Copy(Entity entity) => new(entity.Type) { Properties = (JObject)(entity.Properties?.DeepClone() ?? new JObject()) };
    }
}
