using Microneedling.Dialogs.Flows;
using Microneedling.Dialogs.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microneedling.Dialogs.Tests;

/// <summary>The "Dialogs" configuration section reaches the flows, and bad values stop start-up.</summary>
public sealed class DialogOptionsTests
{
    [Fact]
    public async Task MaxReprompts_from_configuration_is_used_by_the_prompt()
    {
        using var host = new DialogTestHost(new Dictionary<string, string?> { ["Dialogs:MaxReprompts"] = "0" });
        await host.Flow()
            .Send(Questions.Vague)
            .SkipReplies()
            .Send("qwzx")
            .AssertReply(giveUp => Assert.Contains("leave that one", giveUp.Text, StringComparison.OrdinalIgnoreCase))
            .StartTestAsync();
    }

    [Fact]
    public void Configured_suggested_claims_replace_the_defaults()
    {
        using var host = new DialogTestHost(new Dictionary<string, string?>
        {
            ["Dialogs:SuggestedClaimIds:0"] = "isotretinoin",
        });
        var suggested = host.Services.GetRequiredService<SuggestedClaims>().All;
        Assert.Equal("isotretinoin", suggested[0].Id);
        Assert.Equal(1, suggested.Count(c => c.Id == "isotretinoin"));
    }

    [Fact]
    public void Invalid_values_are_rejected_with_the_setting_named()
    {
        using var host = new DialogTestHost(new Dictionary<string, string?> { ["Dialogs:MaxAnswers"] = "0" }, resolveDialogs: false);
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<DialogOptions>());
        Assert.Contains("MaxAnswers", error.Message, StringComparison.Ordinal);
    }
}
