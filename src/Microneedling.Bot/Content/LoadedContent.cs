using Microneedling.FactCheck;
using Microsoft.Bot.Builder;

namespace Microneedling.Bot.Content;

/// <summary>One validated content set and the bot built over it; never changed once built.</summary>
/// <param name="Engine">The engine over this set.</param>
/// <param name="Bot">The dialogs over this engine (their renderer caches cards of this set only).</param>
/// <param name="Version">The content folder's fingerprint (<see cref="ContentVersion"/>).</param>
internal sealed record LoadedContent(FactChecker Engine, IBot Bot, string Version);
