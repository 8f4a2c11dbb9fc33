using Microsoft.Bot.Builder;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Microneedling.BotFramework.Storage;
using Microneedling.DirectLine.Conversations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microneedling.DirectLine.Tests;

/// <summary>
/// The transcript is one storage item rewritten on every append: it is kept under a byte budget
/// (SQLite refuses items over 1 MB), and a failed write never leaves a half-appended activity.
/// </summary>
public sealed class TranscriptSizeTests
{
    [Fact]
    public async Task Many_large_activities_on_sqlite_all_succeed_oldest_trimmed_watermarks_growing()
    {
        using var host = new SqliteHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();
        var text = new string('x', 60 * 1024); // echo + reply: ~120 KB of transcript per post

        long previous = 0;
        for (var i = 0; i < 30; i++)
        {
            using var response = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message(text + i, "c" + i));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var watermark = long.Parse((await client.GetActivitiesAsync(conversation))["watermark"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(watermark > previous);
            previous = watermark;
        }

        var set = await client.GetActivitiesAsync(conversation);
        var texts = DirectLineClient.Texts(set);
        Assert.Equal("61", set["watermark"]!.GetValue<string>());
        Assert.DoesNotContain("welcome", texts);
        Assert.InRange(texts.Count, 2, 9);
        Assert.Equal("echo: " + text + 29, texts[^1]);
    }

    [Fact]
    public async Task Failed_storage_write_answers_500_ServiceError_and_leaves_no_echo()
    {
        using var host = new FlakyHost();
        var client = host.NewClient();
        var conversation = await client.StartAsync();

        host.Storage.FailWrites = true;
        using var failed = await client.PostActivityAsync(conversation.Id, conversation.Token, DirectLineClient.Message("lost"));
        host.Storage.FailWrites = false;

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var error = (await failed.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("ServiceError", error["code"]!.GetValue<string>());
        Assert.DoesNotContain(conversation.Id, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var set = await client.GetActivitiesAsync(conversation);
        Assert.Equal(["welcome"], DirectLineClient.Texts(set));
        Assert.Equal("1", set["watermark"]!.GetValue<string>());
        Assert.Equal(conversation.Id + "|0000002", await client.SayAsync(conversation, "kept"));
    }

    [Fact]
    public async Task Failed_storage_read_answers_500_ServiceError_in_the_service_shape()
    {
        using var host = new FlakyHost();
        var client = host.NewClient();

        host.Storage.FailReads = true;
        using var response = await client.SendAsync(HttpMethod.Get, "/conversations/not-loaded/activities", DirectLineHost.LocalSecret);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("ServiceError", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_append_is_not_in_memory_and_the_sequence_is_not_used_up()
    {
        var storage = new FlakyStorage();
        using var store = new DirectLineConversationStore(storage, Options.Create(new DirectLineOptions()), new ManualClock(), NullLogger<DirectLineConversationStore>.Instance);
        var (conversation, _) = await store.StartAsync("conv-1", "dl_u", client: null, CancellationToken.None);

        storage.FailWrites = true;
        await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(conversation!, new Activity { Type = "message", Text = "lost" }, CancellationToken.None));
        storage.FailWrites = false;

        Assert.Equal(0, conversation!.LastSequence);
        Assert.Equal(0, conversation.ReadAfter(0, 100, includeTyping: true).Count);
        Assert.Equal("conv-1|0000001", await store.AppendAsync(conversation, new Activity { Type = "message", Text = "kept" }, CancellationToken.None));
    }

    // MaxActivityBytes over half of MaxTranscriptBytes stops start-up: Microneedling.Bot.Tests/StartupFailureTests.

    private sealed class SqliteHost : DirectLineHost
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("directline-").FullName;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:Path"] = _folder,
        };

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on some platform: the temp folder is cleaned by the OS.
            }
        }
    }

    private sealed class FlakyHost : DirectLineHost
    {
        public FlakyStorage Storage { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStorage>(Storage));
        }
    }

    private sealed class SettingsHost(Dictionary<string, string?> settings) : DirectLineHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }
}
