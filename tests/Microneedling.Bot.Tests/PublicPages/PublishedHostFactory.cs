using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Microneedling.Bot.Tests.PublicPages;

/// <summary>The host with its public address and publisher configured, as a deployment would set them.</summary>
public sealed class PublishedHostFactory : WebApplicationFactory<Program>
{
    public const string BaseUrl = "https://facts.example.org";
    public const string Organization = "Example Skin Facts";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("MicrosoftAppId", "");
        builder.UseSetting("PublicPages:BaseUrl", BaseUrl + "/");
        builder.UseSetting("PublicPages:Organization:Name", Organization);
        builder.UseSetting("PublicPages:Organization:Url", "https://example.org/about");
    }
}
