using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine;

/// <summary>The bot's account on the built-in Direct Line (the <c>from</c> of its replies, the <c>recipient</c> of the user's).</summary>
internal sealed class DirectLineAccounts(IOptions<DirectLineOptions> options)
{
    public ChannelAccount Bot => new(id: options.Value.BotId, name: options.Value.BotName, role: RoleTypes.Bot);
}
