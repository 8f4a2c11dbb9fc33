using Microneedling.BotFramework.Auth;
using Microsoft.Extensions.Configuration;

namespace Microneedling.BotFramework.Tests.Auth;

public sealed class BotAuthOptionsTests
{
    [Fact]
    public void Defaults_match_the_public_cloud()
    {
        var options = new BotAuthOptions();

        Assert.False(options.IsAuthEnabled);
        Assert.Equal("MultiTenant", options.AppType);
        Assert.Equal("https://api.botframework.com", options.ChannelIssuer);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.ChannelOpenIdMetadataUrl.AbsoluteUri);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.Equal(4, options.EmulatorIssuers.Count);
    }

    [Fact]
    public void FromConfiguration_reads_template_keys_and_overrides()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = TestKeys.AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "tenant-1",
            ["Auth:ChannelOpenIdMetadataUrl"] = "http://127.0.0.1:5000/channel",
            ["Auth:EmulatorOpenIdMetadataUrl"] = "http://127.0.0.1:5000/emulator",
            ["Auth:ChannelIssuer"] = "https://api.botframework.us",
        }).Build();

        var options = BotAuthOptions.FromConfiguration(config);

        Assert.True(options.IsAuthEnabled);
        Assert.Equal(TestKeys.AppId, options.AppId);
        Assert.Equal("SingleTenant", options.AppType);
        Assert.Equal("tenant-1", options.TenantId);
        Assert.Equal("http://127.0.0.1:5000/channel", options.ChannelOpenIdMetadataUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/emulator", options.EmulatorOpenIdMetadataUrl.AbsoluteUri);
        Assert.Equal("https://api.botframework.us", options.ChannelIssuer);
        Assert.Contains("https://sts.windows.net/tenant-1/", options.EmulatorIssuers);
        Assert.Contains("https://login.microsoftonline.com/tenant-1/v2.0", options.EmulatorIssuers);
    }

    [Fact]
    public void Blank_app_id_disables_auth()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "  " }).Build();

        Assert.False(BotAuthOptions.FromConfiguration(config).IsAuthEnabled);
    }

    [Theory]
    [InlineData("https://login.botframework.com/keys", true)]
    [InlineData("http://127.0.0.1:1234/keys", true)]
    [InlineData("http://localhost:1234/keys", true)]
    [InlineData("http://login.botframework.com/keys", false)]
    [InlineData("ftp://127.0.0.1/keys", false)]
    [InlineData("not a url", false)]
    public void Metadata_must_be_https_except_on_loopback(string address, bool allowed) =>
        Assert.Equal(allowed, LoopbackAwareDocumentRetriever.IsAllowed(address));
}
