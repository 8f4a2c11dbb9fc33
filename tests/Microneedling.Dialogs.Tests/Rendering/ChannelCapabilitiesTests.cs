using Microneedling.Dialogs.Rendering;

namespace Microneedling.Dialogs.Tests.Rendering;

public sealed class ChannelCapabilitiesTests
{
    [Theory]
    [InlineData("webchat", null, null, true, true, false)]
    [InlineData("directline", null, null, true, true, false)]
    [InlineData("emulator", null, null, true, true, false)]
    [InlineData("msteams", "personal", false, true, true, true)]
    [InlineData("msteams", "channel", true, true, false, true)]
    [InlineData("msteams", "groupChat", true, true, false, true)]
    [InlineData("MSTeams", "personal", null, true, true, true)]
    [InlineData("telegram", null, null, false, true, false)]
    [InlineData("slack", null, null, false, false, false)]
    [InlineData(null, null, null, false, false, false)]
    public void Channel_decides_cards_suggested_actions_and_execute(
        string? channelId, string? conversationType, bool? isGroup, bool cards, bool suggested, bool execute)
    {
        var incoming = Incoming.Message(channelId!, conversationType, isGroup);

        var capabilities = ChannelCapabilities.For(incoming);

        Assert.Equal((cards, suggested, execute), (capabilities.RendersCards, capabilities.ShowsSuggestedActions, capabilities.UsesExecuteActions));
    }
}
