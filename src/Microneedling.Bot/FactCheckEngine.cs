using Microneedling.FactCheck;

namespace Microneedling.Bot;

/// <summary>
/// The fact-check engine as the host configures it: <c>Content:Path</c> (the claim set; default the copy
/// next to the app), <c>Matching:Semantic</c> (true by default; false runs the lexical matcher alone, on
/// purpose and with a warning at start-up), <c>Matching:ModelPath</c> (the sentence model file; default
/// models/ next to the app) and <c>Matching:CacheDirectory</c> (where the int8 model and claim vectors
/// are kept between restarts; default App_Data/cache under the content root, "" for none).
/// </summary>
internal static class FactCheckEngine
{
    /// <summary>The content folder the host serves: <c>Content:Path</c>, else the copy next to the app.</summary>
    public static string ContentDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Content:Path"] is { Length: > 0 } dir ? dir : FactChecker.DefaultContentDirectory);

    /// <summary>The first load, at start-up: says so when the semantic matcher is off.</summary>
    public static FactChecker Load(IConfiguration config, IHostEnvironment environment, ILogger logger)
    {
        if (!config.GetValue("Matching:Semantic", true))
            logger.LogWarning("Matching:Semantic=false: the semantic matcher is OFF and the lexical matcher runs alone. It understands fewer ways of asking and catches fewer described danger signs; use it only on purpose.");
        return Load(config, ContentDirectory(config), environment.ContentRootPath);
    }

    /// <summary>Where the int8 model and the content vectors are kept: <c>Matching:CacheDirectory</c>, else App_Data/cache ("" for none).</summary>
    public static string CacheDirectory(IConfiguration config, string contentRoot) =>
        config["Matching:CacheDirectory"] ?? Path.Combine(contentRoot, "App_Data", "cache");

    /// <summary>Loads and validates <paramref name="contentDirectory"/> with the configured matcher (a reload uses this too).</summary>
    public static FactChecker Load(IConfiguration config, string contentDirectory, string contentRoot)
    {
        var cache = CacheDirectory(config, contentRoot);
        var options = new MatcherOptions
        {
            Semantic = config.GetValue("Matching:Semantic", true),
            SemanticModelPath = config["Matching:ModelPath"] is { Length: > 0 } model ? model : null,
            VectorCacheDirectory = cache,
        };
        return FactChecker.Load(contentDirectory, options);
    }
}
