using Microsoft.Bot.Builder;
using System.Net;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tests;

/// <summary>
/// One client cannot fill every place: a per-address quota, a short life for conversations nobody
/// spoke in, and at the cap the least recently used idle conversation makes room.
/// </summary>
public sealed class ConversationCapTests
{
    [Fact]
    public async Task One_address_over_its_quota_gets_429_but_the_local_secret_does_not()
    {
        using var host = new CapHost(new() { ["DirectLine:MaxConversationsPerClient"] = "2" });
        var client = host.NewClient();
        await client.StartAsync();
        await client.StartAsync();
        var third = (await client.PageTokenAsync())["token"]!.GetValue<string>();

        using var refused = await client.SendAsync(HttpMethod.Post, "/conversations", third);
        using var server = await client.SendAsync(HttpMethod.Post, "/conversations", DirectLineHost.LocalSecret);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, server.StatusCode);
    }

    [Fact]
    public async Task Quota_frees_up_after_the_idle_window()
    {
        using var host = new CapHost(new() { ["DirectLine:MaxConversationsPerClient"] = "1" });
        var client = host.NewClient();
        await client.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(61));

        await client.StartAsync();
    }

    [Fact]
    public async Task Conversation_nobody_spoke_in_expires_after_the_short_timeout_a_used_one_does_not()
    {
        using var host = new CapHost([]);
        var client = host.NewClient();
        var unused = await client.StartAsync();
        var used = await client.StartAsync();
        await client.SayAsync(used, "hi");
        host.Clock.Advance(TimeSpan.FromMinutes(6));

        using var gone = await client.SendAsync(HttpMethod.Get, $"/conversations/{unused.Id}/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await client.GetActivitiesAsync(used with { Token = (await RefreshAsync(client, used)) });
    }

    [Fact]
    public async Task At_the_cap_the_least_recently_used_idle_conversation_is_evicted()
    {
        using var host = new CapHost(new() { ["DirectLine:MaxConversations"] = "2" });
        var client = host.NewClient();
        var older = await client.StartAsync();
        await client.SayAsync(older, "hi");
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var newer = await client.StartAsync();
        await client.SayAsync(newer, "hi");
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        await client.StartAsync();

        using var evicted = await client.SendAsync(HttpMethod.Get, $"/conversations/{older.Id}/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.NotFound, evicted.StatusCode);
        using var kept = await client.SendAsync(HttpMethod.Get, $"/conversations/{newer.Id}/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task A_conversation_with_an_open_stream_is_not_evicted()
    {
        using var host = new CapHost(new() { ["DirectLine:MaxConversations"] = "2" });
        var client = host.NewClient();
        var streaming = await client.StartAsync();
        await client.SayAsync(streaming, "hi");
        using var socket = await client.OpenStreamAsync(streaming.StreamUrl);
        await DirectLineClient.ReceiveSetAsync(socket);
        var quiet = await client.StartAsync();
        await client.SayAsync(quiet, "hi");
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        await client.StartAsync();

        using var kept = await client.SendAsync(HttpMethod.Get, $"/conversations/{streaming.Id}/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using var evicted = await client.SendAsync(HttpMethod.Get, $"/conversations/{quiet.Id}/activities", DirectLineHost.LocalSecret);
        Assert.Equal(HttpStatusCode.NotFound, evicted.StatusCode);
    }

    [Fact]
    public async Task Refused_start_at_the_cap_reads_a_few_transcripts_not_all()
    {
        var storage = new CountingStorage();
        var clock = new ManualClock();
        var options = Options.Create(new DirectLineOptions { MaxConversations = 50 });
        using (var before = new DirectLineConversationStore(storage, options, clock, NullLogger<DirectLineConversationStore>.Instance))
        {
            for (var i = 0; i < 50; i++) await before.StartAsync("conv-" + i, "dl_u", client: null, CancellationToken.None);
        }
        using var after = new DirectLineConversationStore(storage, options, clock, NullLogger<DirectLineConversationStore>.Instance);
        storage.Reads = 0;

        var (_, outcome) = await after.StartAsync("conv-new", "dl_v", client: null, CancellationToken.None);

        Assert.Equal(StartOutcome.Full, outcome);
        Assert.InRange(storage.Reads, 1, 12);
    }

    private static async Task<string> RefreshAsync(DirectLineClient client, Started conversation)
    {
        using var response = await client.SendAsync(HttpMethod.Post, "/tokens/refresh", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(response.Content))!["token"]!.GetValue<string>();
    }

    private sealed class CapHost(Dictionary<string, string?> settings) : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }

    /// <summary>Memory storage that counts the keys read.</summary>
    private sealed class CountingStorage : IStorage
    {
        private readonly InMemoryStorage _inner = new();

        public int Reads { get; set; }

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
        {
            Reads += keys.Length;
            return _inner.ReadAsync(keys, cancellationToken);
        }

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            _inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);
    }
}
