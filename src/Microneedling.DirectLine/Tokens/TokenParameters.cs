using Microneedling.BotFramework.Schema;

namespace Microneedling.DirectLine.Tokens;

/// <summary>The optional body of tokens/generate and POST /conversations: <c>{ user: { id, name }, locale }</c>.</summary>
internal sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }

    public string? Locale { get; set; }
}
