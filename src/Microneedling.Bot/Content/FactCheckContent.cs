using Microneedling.Dialogs;
using Microneedling.FactCheck;

namespace Microneedling.Bot.Content;

/// <summary>
/// The content set the host serves now. Readers take <see cref="Current"/> once per request or turn
/// and keep using that object, so a swap never changes a set under a running turn: the old set stays
/// alive until its last reader lets go of it.
/// </summary>
internal sealed class FactCheckContent(IServiceProvider services, string directory)
{
    private LoadedContent? _current;

    /// <summary>The content folder served (and watched).</summary>
    public string Directory { get; } = directory;

    public LoadedContent Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The content has not been loaded yet.");

    /// <summary>Builds the bot over an engine loaded from <see cref="Directory"/> and serves it from now on.</summary>
    public LoadedContent Serve(FactChecker engine, string version) =>
        Serve(new LoadedContent(engine, DialogServices.CreateBot(services, engine), version));

    /// <summary>Serves <paramref name="loaded"/> from now on; turns already running keep the set they took.</summary>
    internal LoadedContent Serve(LoadedContent loaded)
    {
        Volatile.Write(ref _current, loaded);
        return loaded;
    }
}
