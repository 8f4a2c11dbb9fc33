using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace Microneedling.BotFramework.Connector;

/// <summary>The bearer token for calls to the Connector, or null when the bot has no credentials.</summary>
public interface IAccessTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Local mode (no app id): the Emulator and the built-in Direct Line expect no token.</summary>
public sealed class NoAccessTokenProvider : IAccessTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// Entra ID client credentials for the Bot Framework scope, through MSAL, whose token cache keeps
/// the token until shortly before it expires. MultiTenant bots get it from the botframework.com
/// tenant, SingleTenant bots from their own tenant (the wrong tenant is the classic AADSTS700016),
/// and user-assigned managed identities from the managed identity endpoint.
/// </summary>
public sealed class MsalAccessTokenProvider : IAccessTokenProvider
{
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    private readonly Func<CancellationToken, Task<AuthenticationResult>> _acquire;

    public MsalAccessTokenProvider(string appType, string appId, string? password, string? tenantId, string scope = BotFrameworkScope)
    {
        if (string.Equals(appType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase))
        {
            var msi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(appId)).Build();
            var resource = scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;
            _acquire = ct => msi.AcquireTokenForManagedIdentity(resource).ExecuteAsync(ct);
            return;
        }
        if (string.IsNullOrEmpty(password))
            throw new InvalidOperationException("MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is not UserAssignedMSI.");
        var singleTenant = string.Equals(appType, "SingleTenant", StringComparison.OrdinalIgnoreCase);
        if (singleTenant && string.IsNullOrWhiteSpace(tenantId))
            throw new InvalidOperationException("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
        var app = ConfidentialClientApplicationBuilder.Create(appId)
            .WithClientSecret(password)
            .WithAuthority($"https://login.microsoftonline.com/{(singleTenant ? tenantId : "botframework.com")}")
            .Build();
        _acquire = ct => app.AcquireTokenForClient([scope]).ExecuteAsync(ct);
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        (await _acquire(cancellationToken).ConfigureAwait(false)).AccessToken;
}
