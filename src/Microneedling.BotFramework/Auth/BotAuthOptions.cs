using Microsoft.Extensions.Configuration;

namespace Microneedling.BotFramework.Auth;

/// <summary>
/// Inbound authentication settings. URLs and issuers are settable rather than constant because the
/// US Government cloud uses different ones and tests point them at a loopback server.
/// </summary>
public sealed class BotAuthOptions
{
    /// <summary>The Entra ID tenants that issue Emulator tokens (v1 and v2 issuer forms of each).</summary>
    private static readonly string[] DefaultEmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private List<string>? _emulatorIssuers;

    /// <summary>The bot's app id; when empty, authentication is off (local development).</summary>
    public string? AppId { get; set; }

    /// <summary>MultiTenant, SingleTenant or UserAssignedMSI, as the Azure Bot Service templates name it.</summary>
    public string AppType { get; set; } = "MultiTenant";

    /// <summary>The bot's own tenant; tokens issued by it are also accepted as Emulator tokens.</summary>
    public string? TenantId { get; set; }

    /// <summary>The issuer of Bot Connector tokens.</summary>
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    public Uri ChannelOpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    public Uri EmulatorOpenIdMetadataUrl { get; set; } = new("https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration");

    /// <summary>
    /// Issuers that mark a token as an Emulator token. Defaults to the four Bot Framework tenants plus,
    /// when <see cref="TenantId"/> is set, that tenant's v1 and v2 issuers; assign to replace.
    /// </summary>
    public IList<string> EmulatorIssuers
    {
        get => _emulatorIssuers ??= BuildDefaultEmulatorIssuers();
        set => _emulatorIssuers = [.. value];
    }

    /// <summary>Tolerance on exp/nbf: channel and bot clocks drift.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsAuthEnabled => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>
    /// Reads the section-less names the Azure templates use (MicrosoftAppId, MicrosoftAppType,
    /// MicrosoftAppTenantId) plus optional Auth:* URL overrides.
    /// </summary>
    public static BotAuthOptions FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new BotAuthOptions
        {
            AppId = NullIfBlank(config["MicrosoftAppId"]),
            TenantId = NullIfBlank(config["MicrosoftAppTenantId"]),
        };
        if (NullIfBlank(config["MicrosoftAppType"]) is { } appType)
        {
            options.AppType = appType;
        }

        if (NullIfBlank(config["Auth:ChannelOpenIdMetadataUrl"]) is { } channelMetadata)
        {
            options.ChannelOpenIdMetadataUrl = new Uri(channelMetadata, UriKind.Absolute);
        }

        if (NullIfBlank(config["Auth:EmulatorOpenIdMetadataUrl"]) is { } emulatorMetadata)
        {
            options.EmulatorOpenIdMetadataUrl = new Uri(emulatorMetadata, UriKind.Absolute);
        }

        if (NullIfBlank(config["Auth:ChannelIssuer"]) is { } issuer)
        {
            options.ChannelIssuer = issuer;
        }

        return options;
    }

    private List<string> BuildDefaultEmulatorIssuers()
    {
        var issuers = new List<string>(DefaultEmulatorIssuers);
        if (!string.IsNullOrWhiteSpace(TenantId))
        {
            issuers.Add($"https://sts.windows.net/{TenantId}/");
            issuers.Add($"https://login.microsoftonline.com/{TenantId}/v2.0");
        }

        return issuers;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
