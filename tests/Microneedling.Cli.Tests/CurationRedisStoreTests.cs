using System.Net;
using System.Net.Sockets;
using Microneedling.Tests.Shared;
using StackExchange.Redis;

namespace Microneedling.Cli.Tests;

/// <summary><c>curation report|export --store redis://...</c> against a real redis-server laid out as the host writes it (<c>mn:state:KEY</c> hashes of json and etag).</summary>
public sealed class CurationRedisStoreTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public CurationRedisStoreTests(RedisServer redis)
    {
        _redis = redis;
        _redis.Flush();
        foreach (var (key, json) in CurationCommandTests.Records)
            _redis.Database.HashSet("mn:state:" + key, [new HashEntry("json", json), new HashEntry("etag", "e1")]);
        // Another application's key in the same Redis: never read.
        _redis.Database.StringSet("other:state:curation/unanswered/9", "not ours");
    }

    private string Address => $"redis://127.0.0.1:{_redis.Port}";

    [Fact]
    public void Report_reads_the_records_from_redis()
    {
        var result = CliRunner.Run("", "curation", "report", "--store", Address);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var text = result.Stdout.Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains("Unanswered questions: 3 distinct, asked 5 times", text, StringComparison.Ordinal);
        Assert.Contains("  nearest claim aftercare (2 questions, asked 4 times)\n       3x  \"can i roll on a sunburn\"", text, StringComparison.Ordinal);
        Assert.Contains("  home-frequency: picked 2 times", text, StringComparison.Ordinal);
        Assert.Contains("  home-frequency: 3 of 4 helpful (75%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_reads_the_questions_from_redis_with_a_database_number_in_the_address()
    {
        var result = CliRunner.Run("", "curation", "export", "--store", Address + "/0", "--format", "eval");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(4, result.Lines.Length);
        Assert.Contains("\"q\":\"can i roll on a sunburn\"", result.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_redis_that_does_not_answer_fails_with_exit_1_and_never_shows_the_password()
    {
        var result = CliRunner.Run("", "curation", "report", "--store", $"redis://:hunter2-secret@127.0.0.1:{ClosedPort()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not answer", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
