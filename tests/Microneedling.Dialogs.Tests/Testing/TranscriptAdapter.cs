using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace Microneedling.Dialogs.Tests.Testing;

/// <summary>
/// The SDK's <see cref="TestAdapter"/> (replies queued in <see cref="TestAdapter.ActiveQueue"/>), run
/// with the activity exactly as a test built it: the SDK's own ProcessActivityAsync would overwrite
/// the conversation, recipient and id with its single conversation reference, and the tests send
/// Teams group conversations, other channels and ids of their own.
/// </summary>
public sealed class TranscriptAdapter : TestAdapter
{
    public async Task RunTurnAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        using var context = CreateTurnContext(activity);
        await RunPipelineAsync(context, callback, cancellationToken);
    }
}
