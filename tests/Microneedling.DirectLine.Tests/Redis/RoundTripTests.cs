using System.Net;
using Microneedling.Tests.Shared;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Microneedling.DirectLine.Tests.Redis;

/// <summary>
/// Redis commands one turn costs, counted by the instance's own connection (StackExchange.Redis's
/// operation counter), with a bot that reads and writes its conversation state like the real one.
/// The bounds are the README's figures: a change that adds round trips to every turn fails here.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RoundTripTests
{
    private const int Turns = 20;
    private readonly RedisServer _redis;
    private readonly ITestOutputHelper _output;

    public RoundTripTests(RedisServer redis, ITestOutputHelper output)
    {
        _redis = redis;
        _output = output;
        _redis.Start();
        _redis.Flush();
    }

    private RedisBotHost NewHost() => new(_redis, services => new CountingBot(services.GetRequiredService<ConversationState>()));

    [Fact]
    public async Task A_messages_turn_costs_one_state_read_one_conditional_write_a_lock_acquire_and_release_and_the_redelivery_check()
    {
        await using var host = NewHost();
        var http = host.CreateClient();
        await PostAsync(http, "warm-up");

        var perTurn = await CommandsPerTurnAsync(host, async i => await PostAsync(http, "a" + i));

        _output.WriteLine($"/api/messages: {perTurn:F2} Redis commands per turn");
        // lock acquire + re-delivery GET + state HMGET + state EVALSHA + answer SET + lock release = 6.
        Assert.InRange(perTurn, 6, 6.5);
    }

    [Fact]
    public async Task A_direct_line_post_costs_a_bounded_number_of_commands()
    {
        await using var host = NewHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        await client.SayAsync(conversation, "warm-up", "w");

        var perTurn = await CommandsPerTurnAsync(host, i => client.SayAsync(conversation, "m" + i, "c" + i));

        _output.WriteLine($"Direct Line post: {perTurn:F2} Redis commands per turn");
        // rate limit + transcript re-read + lock acquire + echo write + publish + state read + state
        // write + the reply's re-read, write and publish + lock release = 11.
        Assert.InRange(perTurn, 11, 12);
    }

    private static async Task<double> CommandsPerTurnAsync(RedisBotHost host, Func<int, Task> turn)
    {
        var connection = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var before = connection.GetCounters().Interactive.OperationCount;
        for (var i = 0; i < Turns; i++) await turn(i);
        // The lock's release is sent fire-and-forget after the answer: let it leave.
        await Task.Delay(200);
        return (connection.GetCounters().Interactive.OperationCount - before) / (double)Turns;
    }

    private static async Task PostAsync(HttpClient http, string id)
    {
        var json = $$"""
            {"type":"message","id":"{{id}}","channelId":"webchat","serviceUrl":"http://localhost/","deliveryMode":"expectReplies",
             "conversation":{"id":"round-trips"},"from":{"id":"u1"},"recipient":{"id":"bot"},"text":"count"}
            """;
        using var response = await http.PostAsync(new Uri("/api/messages", UriKind.Relative), DirectLineClient.Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
