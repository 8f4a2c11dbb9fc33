namespace Microneedling.Dialogs.Rendering;

/// <summary>
/// Where the public fact-check pages are published (<c>PublicPages:BaseUrl</c>, the same key the host's
/// pages read), so an answer card can link "Read the full fact-check". No link without a configured
/// https address: the bot cannot know its public host from a turn, and Teams rejects non-https links.
/// </summary>
public sealed class FactCheckPageLinks
{
    public const string Section = "PublicPages";

    public string? BaseUrl { get; set; }

    /// <summary>The page of one claim, or null when no https base URL is configured.</summary>
    public Uri? PageOf(string claimId) =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var site) && site.Scheme == Uri.UriSchemeHttps
            ? new Uri(site.AbsoluteUri.TrimEnd('/') + "/claims/" + Uri.EscapeDataString(claimId))
            : null;
}
