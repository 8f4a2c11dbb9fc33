using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Microneedling.Deployment.Tests.ScaleOut;

/// <summary>
/// The scale-out bar, end to end with real processes: three bot instances on one Redis behind nginx
/// round-robin with no affinity (docker/nginx.conf), and botframework-directlinejs — the client Web
/// Chat is built on — by polling and by WebSocket. Each step of the bar is one assertion block.
/// </summary>
public sealed class RoundRobinScaleOutTests
{
    private const int Conversations = 18;
    private const int DidYouMeans = 6;

    [Fact]
    public async Task Three_instances_behind_round_robin_nginx_carry_18_conversations_through_a_killed_instance_and_a_Redis_outage()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await using var deployment = await ScaleOutDeployment.StartAsync(3, http);
        using var client = new NodeScript("scaleout-bar.mjs", deployment.Nginx.Origin, Conversations.ToString(), DidYouMeans.ToString());

        // Steps 1 and 2: the did-you-mean conversations one at a time, then every conversation asks.
        var asked = await client.ReadAsync(TimeSpan.FromMinutes(3));
        Assert.True((string?)asked["step"] == "asked", asked.ToJsonString());

        // An instance dies mid-conversation (no graceful shutdown); the clients are not told.
        var victim = deployment.Bots[1];
        victim.Kill();
        await client.ContinueAsync();
        var result = await client.ReadAsync(TimeSpan.FromMinutes(2));

        // Every reply came, each with its ClaimReview, including the turns after the kill.
        Assert.True((bool?)result["ok"], result.ToJsonString());
        var conversations = result["conversations"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(Conversations, conversations.Count);
        Assert.Equal(Conversations / 2 + DidYouMeans / 2, conversations.Count(c => (string?)c["mode"] == "websocket"));
        Assert.All(conversations, c => Assert.All(c["claims"]!.AsArray(), claim => Assert.False(string.IsNullOrEmpty((string?)claim))));

        // Their requests landed on different instances. A polling conversation's many reads always
        // spread; a WebSocket conversation makes three or four requests (the stream, logged when it
        // closes, and its posts), which round-robin among everyone else's may now and then put on one
        // instance, so most of them — not all — must have a reply made on one instance and streamed from another.
        client.Dispose();
        var websockets = conversations.Where(c => (string?)c["mode"] == "websocket").Select(c => (string)c["id"]!).ToList();
        var log = await deployment.Nginx.AccessLogOnceAsync(l => websockets.All(id => l.Any(r => r.Status == 101 && r.Path.Contains(id, StringComparison.Ordinal))), TimeSpan.FromSeconds(10));
        var servedBy = conversations.ToDictionary(
            c => (string)c["id"]!,
            c => log.Where(r => r.Path.Contains("/conversations/" + (string)c["id"]!, StringComparison.Ordinal)).Select(r => deployment.InstanceAt(r.Upstream)).Distinct().ToList());
        var summary = string.Join("; ", conversations.Select(c => $"{c["mode"]} {c["id"]}: {string.Join(",", servedBy[(string)c["id"]!])}"));
        Assert.All(conversations.Where(c => (string?)c["mode"] == "polling"), c => Assert.True(servedBy[(string)c["id"]!].Count >= 2, summary));
        Assert.True(websockets.Count(id => servedBy[id].Count >= 2) >= websockets.Count * 2 / 3, summary);
        Assert.All(deployment.Bots, bot => Assert.Contains(servedBy.Values, instances => instances.Contains(bot.Name)));

        // Each did-you-mean was answered by another instance than the one that asked it: 6/6.
        var picks = result["picks"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal(DidYouMeans, picks.Count);
        var crossed = picks.Count(pick =>
        {
            var posts = log.Where(r => r.Method == "POST" && r.Path == $"/v3/directline/conversations/{pick["id"]}/activities").ToList();
            return posts.Count >= 2 && deployment.InstanceAt(posts[0].Upstream) != deployment.InstanceAt(posts[1].Upstream);
        });
        Assert.Equal(DidYouMeans, crossed);
        Assert.All(picks, pick => Assert.False(string.IsNullOrEmpty((string?)pick["claim"])));

        // Redis stops: every live instance says it is not ready within 10 s; back within 20 s of its return.
        var survivors = deployment.Bots.Where(b => b != victim).ToList();
        deployment.Redis.Stop();
        try
        {
            await WaitForAsync(survivors, http, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
            using var token = await http.PostAsync(new Uri(deployment.Nginx.Origin + "/api/directline/token"), null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        }
        finally
        {
            deployment.Redis.Start();
        }
        await WaitForAsync(survivors, http, HttpStatusCode.OK, TimeSpan.FromSeconds(20));

        using var fresh = new NodeScript("directlinejs-builtin.mjs", deployment.Nginx.Origin, "websocket", "is home rolling 3-5 times a week safe?");
        var after = await fresh.ReadAsync(TimeSpan.FromMinutes(1));
        Assert.True((bool?)after["ok"], after.ToJsonString());
        Assert.Equal("home-frequency", (string?)after["claim"]);
    }

    private static async Task WaitForAsync(IReadOnlyList<BotProcess> bots, HttpClient http, HttpStatusCode status, TimeSpan within)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await Task.WhenAll(bots.Select(b => b.ReadyzAsync(http)));
            if (statuses.All(s => s == status)) return;
            Assert.True(started.Elapsed < within, $"/readyz was not {(int)status} on every instance within {within.TotalSeconds} s: {string.Join(", ", statuses)}");
            await Task.Delay(200);
        }
    }
}
