using System.Net;
using System.Text.RegularExpressions;
using Microneedling.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Microneedling.DirectLine.Tests.Redis;

/// <summary>
/// The curators' page behind a balancer with no affinity: the sign-in form comes from one instance,
/// is posted to another, and the signed-in cookie is honoured by a third — the antiforgery tokens and
/// the cookie are protected with one key ring kept in Redis, not each instance's own keys.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed partial class CuratorSignInAcrossInstancesTests : IAsyncDisposable
{
    private const string Key = "curator-key-shared-0123456789abcdef";

    private readonly RedisServer _redis;
    private readonly List<RedisBotHost> _hosts = [];

    public CuratorSignInAcrossInstancesTests(RedisServer redis)
    {
        _redis = redis;
        _redis.Start();
        _redis.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    [Fact]
    public async Task A_curator_signed_in_through_one_instance_is_signed_in_on_the_others()
    {
        var hosts = Enumerable.Range(0, 3).Select(_ => Host()).ToArray();
        // One browser: one cookie jar, whichever instance answers.
        var cookies = new CookieContainerHandler();
        var browsers = hosts.Select(h => h.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies.Container))).ToArray();

        var form = await browsers[0].GetStringAsync(new Uri("/curation/sign-in", UriKind.Relative));
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, "the sign-in form has no antiforgery token");
        using var signedIn = await browsers[1].PostAsync(new Uri("/curation/sign-in", UriKind.Relative),
            new FormUrlEncodedContent([new(token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value)), new("key", Key)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var page = await browsers[2].GetAsync(new Uri("/curation", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(await _redis.Database.KeyExistsAsync("mn:dataprotection:keys"), "the key ring is not in Redis");
    }

    private RedisBotHost Host()
    {
        var host = new RedisBotHost(_redis, settings: new Dictionary<string, string?> { ["Curation:ApiKey"] = Key });
        _hosts.Add(host);
        return host;
    }

    [GeneratedRegex("""<input[^>]*name="(?<name>__RequestVerificationToken)"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="(?<name>__RequestVerificationToken)" """)]
    private static partial Regex AntiforgeryField();
}
