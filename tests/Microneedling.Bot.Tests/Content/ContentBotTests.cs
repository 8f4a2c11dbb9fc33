using Microneedling.Bot.Content;
using Microneedling.FactCheck;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Microneedling.Bot.Tests.Content;

/// <summary>A swap between turns: a turn that began on the old set ends on it; the next turn gets the new one.</summary>
public sealed class ContentBotTests(ReloadingHostFactory host) : IClassFixture<ReloadingHostFactory>
{
    [Fact]
    public async Task A_turn_in_flight_finishes_on_the_set_it_started_with()
    {
        var engine = host.Services.GetRequiredService<FactChecker>();
        using var services = new ServiceCollection().BuildServiceProvider();
        var content = new FactCheckContent(services, host.ContentDirectory);
        var oldBot = new GatedBot();
        var newBot = new GatedBot();
        newBot.Release();
        content.Serve(new LoadedContent(engine, oldBot, "old"));
        var bot = new ContentBot(content);

        var inFlight = bot.OnTurnAsync(Turn("first"));
        await oldBot.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        content.Serve(new LoadedContent(engine, newBot, "new"));
        oldBot.Release();
        await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        await bot.OnTurnAsync(Turn("second"));

        Assert.Equal(["first"], oldBot.Finished);
        Assert.Equal(["second"], newBot.Finished);
    }

    private static TurnContext Turn(string text) =>
        new(new TestAdapter(), new Activity { Type = ActivityTypes.Message, Text = text });

    /// <summary>A bot whose turns wait at a gate, so a swap can happen while one is running.</summary>
    private sealed class GatedBot : IBot
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Finished { get; } = [];

        public void Release() => _gate.TrySetResult();

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await _gate.Task;
            lock (Finished) Finished.Add(turnContext.Activity.Text);
        }
    }
}
